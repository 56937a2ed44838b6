# Shared by the acceptance tests: where the built module is, the fake Microsoft Graph in a process of its own,
# small xlsx files written without Excel, and the help examples read from the compiled help.

$script:RepositoryRoot = Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $PSScriptRoot))
$script:ModuleVersion = (Import-PowerShellDataFile (Join-Path $script:RepositoryRoot 'SocialToolkit.psd1')).ModuleVersion
$script:ModuleManifest = Join-Path $script:RepositoryRoot "out/SocialToolkit/$($script:ModuleVersion)/SocialToolkit.psd1"

function Import-SocialToolkitUnderTest {
    Import-Module $script:ModuleManifest -Force -ErrorAction Stop
}

# Starts tests/SocialToolkit.FakeGraph.Host (built with the solution) and returns its Graph root and process.
# The host serves until its standard input closes; Stop-FakeGraph closes it.
function Start-FakeGraph {
    $dll = Join-Path $script:RepositoryRoot 'tests/SocialToolkit.FakeGraph.Host/bin/Release/net10.0/SocialToolkit.FakeGraph.Host.dll'
    if (-not (Test-Path -LiteralPath $dll)) {
        $dll = Join-Path $script:RepositoryRoot 'tests/SocialToolkit.FakeGraph.Host/bin/Debug/net10.0/SocialToolkit.FakeGraph.Host.dll'
    }
    if (-not (Test-Path -LiteralPath $dll)) { throw "Build the solution first: $dll is missing." }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($dll)
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $root = $process.StandardOutput.ReadLine()
    if (-not $root) { throw 'The fake Graph host did not print its address.' }
    [pscustomobject]@{ BaseUrl = [uri]$root; Origin = [uri]([uri]$root).GetLeftPart([UriPartial]::Authority); Process = $process }
}

function Stop-FakeGraph($Graph) {
    if ($Graph -and -not $Graph.Process.HasExited) {
        $Graph.Process.StandardInput.Close()
        if (-not $Graph.Process.WaitForExit(10000)) { $Graph.Process.Kill() }
    }
}

# Writes an .xlsx with one worksheet per key of $Sheets (an ordered dictionary: name -> rows, each row an array of
# cell texts), as inline strings. Enough for the imports and the guideline workbook reader, which read cell text.
function New-TestWorkbook([string] $Path, [System.Collections.Specialized.OrderedDictionary] $Sheets) {
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $escape = { param($text) [System.Security.SecurityElement]::Escape([string]$text) }
    $columnName = {
        param([int] $index)
        $name = ''
        $index++
        while ($index -gt 0) { $index--; $name = [char](65 + $index % 26) + $name; $index = [math]::Floor($index / 26) }
        $name
    }
    $names = @($Sheets.Keys)
    $parts = [ordered]@{}
    $parts['[Content_Types].xml'] = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        (($names | ForEach-Object -Begin { $i = 0 } -Process { $i++; "<Override PartName=`"/xl/worksheets/sheet$i.xml`" ContentType=`"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml`"/>" }) -join '') + '</Types>'
    $parts['_rels/.rels'] = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    $parts['xl/workbook.xml'] = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        (($names | ForEach-Object -Begin { $i = 0 } -Process { $i++; "<sheet name=`"$(& $escape $_)`" sheetId=`"$i`" r:id=`"rId$i`"/>" }) -join '') + '</sheets></workbook>'
    $parts['xl/_rels/workbook.xml.rels'] = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        (($names | ForEach-Object -Begin { $i = 0 } -Process { $i++; "<Relationship Id=`"rId$i`" Type=`"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet`" Target=`"worksheets/sheet$i.xml`"/>" }) -join '') + '</Relationships>'
    $sheetNumber = 0
    foreach ($name in $names) {
        $sheetNumber++
        $rowNumber = 0
        $rows = foreach ($row in $Sheets[$name]) {
            $rowNumber++
            $cells = for ($c = 0; $c -lt @($row).Count; $c++) {
                "<c r=`"$(& $columnName $c)$rowNumber`" t=`"inlineStr`"><is><t>$(& $escape @($row)[$c])</t></is></c>"
            }
            "<row r=`"$rowNumber`">$($cells -join '')</row>"
        }
        $parts["xl/worksheets/sheet$sheetNumber.xml"] = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + ($rows -join '') + '</sheetData></worksheet>'
    }

    # .NET resolves relative paths against the process's folder, not the PowerShell location.
    $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    $zip = [System.IO.Compression.ZipFile]::Open($Path, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($part in $parts.GetEnumerator()) {
            $writer = [System.IO.StreamWriter]::new($zip.CreateEntry($part.Key).Open(), [System.Text.UTF8Encoding]::new($false))
            try { $writer.Write($part.Value) } finally { $writer.Dispose() }
        }
    }
    finally { $zip.Dispose() }
}

# The examples of every exported cmdlet, as Get-Help shows them from the compiled help: what users copy is what runs.
function Get-SocialHelpExample {
    foreach ($command in Get-Command -Module SocialToolkit | Sort-Object Name) {
        $number = 0
        foreach ($example in @((Get-Help $command.Name -Examples).examples.example)) {
            $number++
            [pscustomobject]@{
                Key     = "$($command.Name) #$number"
                Command = $command.Name
                Number  = $number
                Title   = ($example.title -replace '^-+\s*|\s*-+$', '')
                Code    = $example.code
            }
        }
    }
}
