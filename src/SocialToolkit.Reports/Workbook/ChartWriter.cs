using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace SocialToolkit.Reports.Workbook
{
    internal enum ChartKind
    {
        ClusteredColumn,
        ClusteredBar,
        Line,
    }

    internal sealed class ChartSeries
    {
        public ChartSeries(string name, string valuesReference, IReadOnlyList<double?> cachedValues, string colour)
        {
            Name = name;
            ValuesReference = valuesReference;
            CachedValues = cachedValues;
            Colour = colour;
        }

        public string Name { get; }

        public string ValuesReference { get; }

        /// <summary>Values as they are in the cells, so viewers that do not recalculate still draw the chart.</summary>
        public IReadOnlyList<double?> CachedValues { get; }

        /// <summary>RGB hex, e.g. 1F4E79.</summary>
        public string Colour { get; }

        /// <summary>A thin dashed line without markers (line charts), e.g. the edge of a band.</summary>
        public bool Thin { get; set; }

        /// <summary>Error bars: distance from each value down to its interval's low end (null: no bars).</summary>
        public IReadOnlyList<double?>? ErrorBelow { get; set; }

        /// <summary>Error bars: distance from each value up to its interval's high end.</summary>
        public IReadOnlyList<double?>? ErrorAbove { get; set; }
    }

    /// <summary>A native chart: categories from cells (with their cached text) or literal labels, one or more series.</summary>
    internal sealed class ChartSpec
    {
        public ChartKind Kind { get; set; }

        public string Title { get; set; } = string.Empty;

        /// <summary>Cell range of the category labels; null to use <see cref="Categories"/> as literals.</summary>
        public string? CategoriesReference { get; set; }

        public IReadOnlyList<string> Categories { get; set; } = Array.Empty<string>();

        public IReadOnlyList<ChartSeries> Series { get; set; } = Array.Empty<ChartSeries>();

        public string ValueFormat { get; set; } = "General";

        public bool DataLabels { get; set; }

        /// <summary>Title of the category axis (empty: none).</summary>
        public string CategoryAxisTitle { get; set; } = string.Empty;

        /// <summary>Title of the value axis (empty: none).</summary>
        public string ValueAxisTitle { get; set; } = string.Empty;

        /// <summary>Fixed value-axis bounds; by default the axis starts at 0 and Excel picks the top.</summary>
        public double? AxisMinimum { get; set; }

        public double? AxisMaximum { get; set; }

        /// <summary>1-based category at whose left edge the value axis is drawn (e.g. a line at completion); null: at the left.</summary>
        public int? ValueAxisAtCategory { get; set; }

        /// <summary>Anchor in zero-based columns and rows: top-left cell and the cell just past the bottom-right corner.</summary>
        public (int Column, int Row, int ToColumn, int ToRow) Anchor { get; set; }
    }

    /// <summary>
    /// Adds native Excel charts to a sheet of a saved workbook (ClosedXML has no charts). The chart goes in a ChartPart of the
    /// sheet's DrawingsPart, and the sheet's &lt;drawing&gt; element is placed where the schema wants it (before tableParts).
    /// </summary>
    internal static class ChartWriter
    {
        private const string ChartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart";

        public static void Add(WorksheetPart worksheetPart, ChartSpec spec)
        {
            var drawingsPart = worksheetPart.DrawingsPart;
            if (drawingsPart == null)
            {
                drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
                drawingsPart.WorksheetDrawing = new Xdr.WorksheetDrawing();
                drawingsPart.WorksheetDrawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
                drawingsPart.WorksheetDrawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
                InsertDrawing(worksheetPart.Worksheet, new Drawing { Id = worksheetPart.GetIdOfPart(drawingsPart) });
            }

            var chartPart = drawingsPart.AddNewPart<ChartPart>();
            chartPart.ChartSpace = ChartSpace(spec);
            chartPart.ChartSpace.Save();
            var id = (uint)drawingsPart.WorksheetDrawing.ChildElements.Count + 2;
            var (column, row, toColumn, toRow) = spec.Anchor;
            drawingsPart.WorksheetDrawing.Append(new Xdr.TwoCellAnchor(
                new Xdr.FromMarker(new Xdr.ColumnId(Text(column)), new Xdr.ColumnOffset("0"), new Xdr.RowId(Text(row)), new Xdr.RowOffset("0")),
                new Xdr.ToMarker(new Xdr.ColumnId(Text(toColumn)), new Xdr.ColumnOffset("0"), new Xdr.RowId(Text(toRow)), new Xdr.RowOffset("0")),
                new Xdr.GraphicFrame(
                    new Xdr.NonVisualGraphicFrameProperties(
                        new Xdr.NonVisualDrawingProperties { Id = id, Name = "Chart " + Text((int)id), Title = CellFormats.XmlSafe(spec.Title) },
                        new Xdr.NonVisualGraphicFrameDrawingProperties()),
                    new Xdr.Transform(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = 0L, Cy = 0L }),
                    new A.Graphic(new A.GraphicData(new C.ChartReference { Id = drawingsPart.GetIdOfPart(chartPart) }) { Uri = ChartNamespace }))
                { Macro = string.Empty },
                new Xdr.ClientData()));
            drawingsPart.WorksheetDrawing.Save();
            worksheetPart.Worksheet.Save();
        }

        /// <summary>The schema orders a worksheet's children; &lt;drawing&gt; comes after page set-up and before legacy drawings and tableParts.</summary>
        private static void InsertDrawing(Worksheet worksheet, Drawing drawing)
        {
            var following = worksheet.ChildElements.FirstOrDefault(e =>
                e is LegacyDrawing || e is LegacyDrawingHeaderFooter || e is DrawingHeaderFooter || e is Picture || e is OleObjects || e is Controls
                || e is WebPublishItems || e is TableParts || e is WorksheetExtensionList);
            if (following != null)
            {
                worksheet.InsertBefore(drawing, following);
            }
            else
            {
                worksheet.Append(drawing);
            }
        }

        private static C.ChartSpace ChartSpace(ChartSpec spec)
        {
            var space = new C.ChartSpace();
            space.AddNamespaceDeclaration("c", ChartNamespace);
            space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
            space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            space.Append(new C.EditingLanguage { Val = "en-US" }, new C.RoundedCorners { Val = false });

            const uint categoryAxisId = 48650001U;
            const uint valueAxisId = 48650002U;
            var plotArea = new C.PlotArea(new C.Layout());
            if (spec.Kind == ChartKind.Line)
            {
                var line = new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false });
                for (var i = 0; i < spec.Series.Count; i++)
                {
                    var series = spec.Series[i];
                    var element = new C.LineChartSeries(
                        new C.Index { Val = (uint)i },
                        new C.Order { Val = (uint)i },
                        SeriesText(series.Name),
                        series.Thin
                            ? new C.ChartShapeProperties(new A.Outline(Solid(series.Colour), new A.PresetDash { Val = A.PresetLineDashValues.Dash }) { Width = 12700 })
                            : new C.ChartShapeProperties(new A.Outline(Solid(series.Colour)) { Width = 28575 }),
                        series.Thin
                            ? new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.None })
                            : new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 5 }, new C.ChartShapeProperties(Solid(series.Colour), new A.Outline(Solid(series.Colour)))));
                    var errorBars = ErrorBars(series);
                    if (errorBars != null)
                    {
                        element.Append(errorBars);
                    }

                    element.Append(Categories(spec), Values(series, spec.ValueFormat), new C.Smooth { Val = false });
                    line.Append(element);
                }

                line.Append(new C.ShowMarker { Val = true }, new C.AxisId { Val = categoryAxisId }, new C.AxisId { Val = valueAxisId });
                plotArea.Append(line);
            }
            else
            {
                var bar = new C.BarChart(
                    new C.BarDirection { Val = spec.Kind == ChartKind.ClusteredBar ? C.BarDirectionValues.Bar : C.BarDirectionValues.Column },
                    new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
                    new C.VaryColors { Val = false });
                for (var i = 0; i < spec.Series.Count; i++)
                {
                    var series = spec.Series[i];
                    var element = new C.BarChartSeries(
                        new C.Index { Val = (uint)i },
                        new C.Order { Val = (uint)i },
                        SeriesText(series.Name),
                        new C.ChartShapeProperties(Solid(series.Colour)),
                        new C.InvertIfNegative { Val = false });
                    if (spec.DataLabels)
                    {
                        element.Append(new C.DataLabels(
                            new C.NumberingFormat { FormatCode = spec.ValueFormat, SourceLinked = false },
                            new C.ChartShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())),
                            new C.TextProperties(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 900 }), new A.EndParagraphRunProperties { Language = "en-US" })),
                            new C.DataLabelPosition { Val = C.DataLabelPositionValues.OutsideEnd },
                            new C.ShowLegendKey { Val = false },
                            new C.ShowValue { Val = true },
                            new C.ShowCategoryName { Val = false },
                            new C.ShowSeriesName { Val = false },
                            new C.ShowPercent { Val = false },
                            new C.ShowBubbleSize { Val = false }));
                    }

                    var errorBars = ErrorBars(series);
                    if (errorBars != null)
                    {
                        element.Append(errorBars);
                    }

                    element.Append(Categories(spec), Values(series, spec.ValueFormat));
                    bar.Append(element);
                }

                bar.Append(new C.GapWidth { Val = 60 }, new C.Overlap { Val = -10 }, new C.AxisId { Val = categoryAxisId }, new C.AxisId { Val = valueAxisId });
                plotArea.Append(bar);
            }

            // Horizontal bars list the first category at the top, as in the table.
            var reversed = spec.Kind == ChartKind.ClusteredBar;
            var categoryAxis = new C.CategoryAxis(
                    new C.AxisId { Val = categoryAxisId },
                    new C.Scaling(new C.Orientation { Val = reversed ? C.OrientationValues.MaxMin : C.OrientationValues.MinMax }),
                    new C.Delete { Val = false },
                    new C.AxisPosition { Val = reversed ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
                    new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
                    new C.MajorTickMark { Val = C.TickMarkValues.None },
                    new C.MinorTickMark { Val = C.TickMarkValues.None },
                    new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
                    AxisText(900),
                    new C.CrossingAxis { Val = valueAxisId },
                    new C.Crosses { Val = C.CrossesValues.AutoZero },
                    new C.AutoLabeled { Val = true },
                    new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                    new C.LabelOffset { Val = 100 },
                    new C.NoMultiLevelLabels { Val = false });
            var valueAxis = new C.ValueAxis(
                    new C.AxisId { Val = valueAxisId },
                    ValueScaling(spec),
                    new C.Delete { Val = false },
                    new C.AxisPosition { Val = reversed ? C.AxisPositionValues.Top : C.AxisPositionValues.Left },
                    new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(Solid("D9D9D9")))),
                    new C.NumberingFormat { FormatCode = spec.ValueFormat, SourceLinked = false },
                    new C.MajorTickMark { Val = C.TickMarkValues.None },
                    new C.MinorTickMark { Val = C.TickMarkValues.None },
                    new C.TickLabelPosition { Val = spec.ValueAxisAtCategory.HasValue ? C.TickLabelPositionValues.Low : C.TickLabelPositionValues.NextTo },
                    new C.ChartShapeProperties(spec.ValueAxisAtCategory.HasValue ? new A.Outline(Solid("7F7F7F")) { Width = 19050 } : new A.Outline(new A.NoFill())),
                    AxisText(900),
                    new C.CrossingAxis { Val = categoryAxisId },
                    spec.ValueAxisAtCategory.HasValue ? new C.CrossesAt { Val = spec.ValueAxisAtCategory.Value } : (OpenXmlElement)new C.Crosses { Val = C.CrossesValues.AutoZero },
                    new C.CrossBetween { Val = C.CrossBetweenValues.Between });
            if (spec.CategoryAxisTitle.Length > 0)
            {
                categoryAxis.InsertAfter(Title(spec.CategoryAxisTitle, 900, false), categoryAxis.GetFirstChild<C.AxisPosition>());
            }

            if (spec.ValueAxisTitle.Length > 0)
            {
                valueAxis.InsertAfter(Title(spec.ValueAxisTitle, 900, false), valueAxis.GetFirstChild<C.MajorGridlines>());
            }

            plotArea.Append(categoryAxis, valueAxis);

            var chart = new C.Chart(
                Title(spec.Title),
                new C.AutoTitleDeleted { Val = false },
                plotArea,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });
            if (spec.Series.Count < 2)
            {
                chart.RemoveChild(chart.GetFirstChild<C.Legend>());
            }

            space.Append(chart);
            space.Append(new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = "FFFFFF" }), new A.Outline(Solid("BFBFBF"))));
            return space;
        }

        private static C.Scaling ValueScaling(ChartSpec spec)
        {
            var scaling = new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax });
            if (spec.AxisMaximum.HasValue)
            {
                scaling.Append(new C.MaxAxisValue { Val = spec.AxisMaximum.Value });
            }

            scaling.Append(new C.MinAxisValue { Val = spec.AxisMinimum ?? 0 });
            return scaling;
        }

        /// <summary>Custom error bars from literal distances (a point without a value gets none).</summary>
        private static C.ErrorBars? ErrorBars(ChartSeries series)
        {
            if (series.ErrorBelow == null || series.ErrorAbove == null)
            {
                return null;
            }

            C.NumberLiteral Literal(IReadOnlyList<double?> values)
            {
                var literal = new C.NumberLiteral(new C.FormatCode("General"), new C.PointCount { Val = (uint)values.Count });
                for (var i = 0; i < values.Count; i++)
                {
                    literal.Append(new C.NumericPoint(new C.NumericValue((values[i] ?? 0).ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
                }

                return literal;
            }

            return new C.ErrorBars(
                new C.ErrorBarType { Val = C.ErrorBarValues.Both },
                new C.ErrorBarValueType { Val = C.ErrorValues.Custom },
                new C.NoEndCap { Val = false },
                new C.Plus(Literal(series.ErrorAbove)),
                new C.Minus(Literal(series.ErrorBelow)),
                new C.ChartShapeProperties(new A.Outline(Solid(series.Colour)) { Width = 12700 }));
        }

        private static C.Title Title(string text, int size = 1200, bool bold = true) => new C.Title(
            new C.ChartText(new C.RichText(
                new A.BodyProperties(),
                new A.ListStyle(),
                new A.Paragraph(
                    new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = size, Bold = bold }),
                    new A.Run(new A.RunProperties { Language = "en-US", FontSize = size, Bold = bold }, new A.Text(CellFormats.XmlSafe(text)))))),
            new C.Overlay { Val = false });

        private static C.TextProperties AxisText(int size) => new C.TextProperties(
            new A.BodyProperties(),
            new A.ListStyle(),
            new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = size }), new A.EndParagraphRunProperties { Language = "en-US" }));

        private static C.SeriesText SeriesText(string name) => new C.SeriesText(new C.NumericValue(CellFormats.XmlSafe(name)));

        private static A.SolidFill Solid(string colour) => new A.SolidFill(new A.RgbColorModelHex { Val = colour });

        private static C.CategoryAxisData Categories(ChartSpec spec)
        {
            if (spec.CategoriesReference == null)
            {
                var literal = new C.StringLiteral(new C.PointCount { Val = (uint)spec.Categories.Count });
                for (var i = 0; i < spec.Categories.Count; i++)
                {
                    literal.Append(new C.StringPoint(new C.NumericValue(CellFormats.XmlSafe(spec.Categories[i]))) { Index = (uint)i });
                }

                return new C.CategoryAxisData(literal);
            }

            var cache = new C.StringCache(new C.PointCount { Val = (uint)spec.Categories.Count });
            for (var i = 0; i < spec.Categories.Count; i++)
            {
                cache.Append(new C.StringPoint(new C.NumericValue(CellFormats.XmlSafe(spec.Categories[i]))) { Index = (uint)i });
            }

            return new C.CategoryAxisData(new C.StringReference(new C.Formula(spec.CategoriesReference), cache));
        }

        private static C.Values Values(ChartSeries series, string format)
        {
            var cache = new C.NumberingCache(new C.FormatCode(format), new C.PointCount { Val = (uint)series.CachedValues.Count });
            for (var i = 0; i < series.CachedValues.Count; i++)
            {
                var value = series.CachedValues[i];
                if (value.HasValue)
                {
                    cache.Append(new C.NumericPoint(new C.NumericValue(value.Value.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
                }
            }

            return new C.Values(new C.NumberReference(new C.Formula(series.ValuesReference), cache));
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
