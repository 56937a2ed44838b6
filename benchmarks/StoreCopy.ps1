<#
.SYNOPSIS
Times Copy-SocialStore on a sample store: file to PostgreSQL, back to a file, and file to PostgreSQL again with -Force.

.DESCRIPTION
Builds a sample store file (-Employees people, -Days days), copies it into the PostgreSQL database named by
-Connection (it must hold no store data: the first copy runs without -Force), back into a new file, and into the
database again replacing what it holds. Prints the time of each copy with its rows per table. Uses the module built
in out/SocialToolkit/<version>/ (dotnet build first). The connection string is never printed: the figures name the
database the way the module shows it, without any secret.

.EXAMPLE
$env:SOCIALTOOLKIT_BENCH_STORE_CONNECTION = 'Host=127.0.0.1;Port=5432;Database=copybench;Username=postgres;Password=...'
dotnet pwsh -NoProfile -File benchmarks/StoreCopy.ps1
#>
param(
    [int] $Employees = 10000,
    [int] $Days = 90,
    [string] $Connection = $env:SOCIALTOOLKIT_BENCH_STORE_CONNECTION
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if (-not $Connection) { throw 'Give -Connection, or set SOCIALTOOLKIT_BENCH_STORE_CONNECTION, to an empty PostgreSQL database.' }

$root = Split-Path -Parent $PSScriptRoot
$version = [regex]::Match((Get-Content -Raw (Join-Path $root 'SocialToolkit.psd1')), "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
Import-Module (Join-Path $root "out/SocialToolkit/$version/SocialToolkit.psd1")

$folder = Join-Path ([IO.Path]::GetTempPath()) ('socialtoolkit-copybench-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $folder | Out-Null
try {
    $file = Join-Path $folder 'sample.db'
    $made = Measure-Command { $script:info = New-SocialSampleStore -Path $file -Employees $Employees -Days $Days -EndDate 2026-11-30 -Seed 1 }
    $load = if (Test-Path /proc/loadavg) { ' load average ' + ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { '' }
    'Copy-SocialStore: {0:N0} people, {1} days, {2:N0} activity rows, {3:N1} MB file (generated in {4:N1} s); {5} cores,{6}' -f $info.Employees, $Days, $info.ActivityRows, ((Get-Item $file).Length / 1MB), $made.TotalSeconds, [Environment]::ProcessorCount, $load

    function Show([string] $Title, [timespan] $Time, $Summary) {
        '{0}: {1:N1} s, {2:N0} rows, verified: {3}' -f $Title, $Time.TotalSeconds, $Summary.Rows, $Summary.Verified
        foreach ($table in $Summary.Tables | Where-Object Rows -gt 0) {
            '    {0,-18} {1,9:N0} rows {2,6:N1} s' -f $table.Table, $table.Rows, $table.Duration.TotalSeconds
        }
    }

    $time = Measure-Command { $script:there = Copy-SocialStore -From $file -To $Connection }
    Show "file -> $($there.To)" $time $there
    $time = Measure-Command { $script:back = Copy-SocialStore -From $Connection -To (Join-Path $folder 'back.db') -WarningAction SilentlyContinue }
    Show "$($back.From) -> file" $time $back
    $time = Measure-Command { $script:again = Copy-SocialStore -From $file -To $Connection -Force -Confirm:$false }
    $replaced = ($again.Replaced.Values | Measure-Object -Sum).Sum
    Show ('file -> {0} with -Force, replacing {1:N0} rows' -f $again.To, $replaced) $time $again
}
finally {
    Remove-Item -LiteralPath $folder -Recurse -Force
}
