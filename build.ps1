<#
.SYNOPSIS
    Builds, tests, packages and demonstrates SocialToolkit.

.DESCRIPTION
    Tasks:
      Build    builds the solution; the importable module lands in out/SocialToolkit/<version>/.
      Test     installs what the tests need (Node.js, Chromium, LibreOffice, PostgreSQL from Debian when missing;
               Pester from NuGet), builds, starts a throwaway PostgreSQL server (tools/TestPostgres.ps1), runs every
               xunit project, the add-in's tests and the Pester acceptance tests, stops the server, and ends with one
               line: "N passed, N failed".
      Package  zips the module folder into artifacts/SocialToolkit.<version>.zip.
      Demo     builds a sample store and writes the participation and training-effect workbooks to out/demo/.

    Runs under pwsh 7.4+. On a machine with only the .NET SDK, the repository's tool manifest provides pwsh:
      dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$manifestText = [IO.File]::ReadAllText([IO.Path]::Combine($root, 'SocialToolkit.psd1'))
$version = [regex]::Match($manifestText, "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
$moduleFolder = [IO.Path]::Combine($root, 'out', 'SocialToolkit', $version)
$script:passed = 0
$script:failed = 0
# Pester comes from NuGet (the PowerShell Gallery is not reachable everywhere); tools/TestModules pins the same version.
$pesterVersion = '5.7.1'
$testModules = [IO.Path]::Combine($root, 'out', 'test-modules')

function Write-Step([string] $Message) {
    [Console]::WriteLine('')
    [Console]::WriteLine("==> $Message")
}

# Runs a native command, echoing its output, and fails the build when it fails.
function Invoke-Native([string] $Description, [scriptblock] $Command, [scriptblock] $OnLine = {}) {
    Write-Step $Description
    & $Command 2>&1 | ForEach-Object {
        $line = "$_"
        [Console]::WriteLine($line)
        & $OnLine $line
    }
    if ($LASTEXITCODE -ne 0) {
        throw "$Description failed (exit code $LASTEXITCODE)."
    }
}

function Test-Command([string] $Name) {
    [bool](Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue)
}

# Installs Debian packages the tests need when their command is missing (CI and fresh machines).
function Install-DebianPackage([string] $Command, [string[]] $Package) {
    if (Test-Command $Command) { return }
    if (-not (Test-Command 'apt-get')) {
        throw "'$Command' is missing and apt-get is not available: install $($Package -join ', ') by hand."
    }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    $asRoot = (& id -u) -eq '0'
    # Another installer (unattended upgrades, a parallel build) may hold dpkg's lock: wait for it instead of failing.
    $wait = @('-o', 'DPkg::Lock::Timeout=900')
    if (-not $script:aptUpdated) {
        if ($asRoot) { Invoke-Native 'apt-get update' { & apt-get @wait update -qq }.GetNewClosure() }
        else { Invoke-Native 'sudo apt-get update' { & sudo -n apt-get @wait update -qq }.GetNewClosure() }
        $script:aptUpdated = $true
    }
    if ($asRoot) { Invoke-Native "apt-get install $Package" { & apt-get @wait install -y -qq --no-install-recommends @Package }.GetNewClosure() }
    else { Invoke-Native "sudo apt-get install $Package" { & sudo -n apt-get @wait install -y -qq --no-install-recommends @Package }.GetNewClosure() }
}

# Start-TestPostgres and Stop-TestPostgres: a throwaway PostgreSQL server for the tests of the PostgreSQL store.
. ([IO.Path]::Combine($root, 'tools', 'TestPostgres.ps1'))

function Invoke-Build {
    Invoke-Native "dotnet build ($Configuration)" { & dotnet build ([IO.Path]::Combine($root, 'SocialToolkit.sln')) -c $Configuration -nologo -v minimal }
    [Console]::WriteLine("Module: $moduleFolder")
}

function Invoke-Test {
    if ($IsLinux) {
        Install-DebianPackage 'node' @('nodejs', 'npm')
        Install-DebianPackage 'chromium' @('chromium')
        Install-DebianPackage 'soffice' @('libreoffice-calc-nogui')
    }

    Invoke-Build
    # The add-in's npm packages first: the xunit tests also use them (app-package schemas, the deployed pane in
    # Chromium) and would be skipped without them.
    $addin = [IO.Path]::Combine($root, 'addin')
    $hasAddin = [IO.File]::Exists([IO.Path]::Combine($addin, 'package.json'))
    if ($hasAddin) {
        Invoke-Native 'npm ci (add-in)' { & npm ci --prefix $addin --no-audit --no-fund }
    }

    $dotnetCounts = {
        param($line)
        $match = [regex]::Match($line, '(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+)')
        if ($match.Success) {
            $script:failed += [int]$match.Groups[2].Value
            $script:passed += [int]$match.Groups[3].Value
        }
    }
    $testFailure = $null
    # Started inside try and stopped in finally, so a failing or interrupted run does not leave the server running.
    try {
        Start-TestPostgres
        try {
            Invoke-Native 'dotnet test' { & dotnet test ([IO.Path]::Combine($root, 'SocialToolkit.sln')) -c $Configuration --no-build -nologo } $dotnetCounts
        }
        catch {
            $testFailure = $_
        }

        $nodeCounts = {
            param($line)
            $match = [regex]::Match($line, '^# (pass|fail) (\d+)$')
            if ($match.Success) {
                if ($match.Groups[1].Value -eq 'pass') { $script:passed += [int]$match.Groups[2].Value } else { $script:failed += [int]$match.Groups[2].Value }
            }
        }
        if ($hasAddin) {
            try {
                Invoke-Native 'npm test (add-in)' { & npm test --prefix $addin } $nodeCounts
            }
            catch {
                if (-not $testFailure) { $testFailure = $_ }
            }
        }

        try {
            Invoke-PesterTest
        }
        catch {
            if (-not $testFailure) { $testFailure = $_ }
        }
    }
    finally {
        Stop-TestPostgres
    }

    [Console]::WriteLine('')
    [Console]::WriteLine("$($script:passed) passed, $($script:failed) failed")
    if ($testFailure) { throw $testFailure }
}

# Restores Pester from NuGet into out/test-modules/Pester/<version>/ and puts that folder first in PSModulePath.
function Install-TestModule {
    $module = [IO.Path]::Combine($testModules, 'Pester', $pesterVersion)
    if (-not [IO.File]::Exists([IO.Path]::Combine($module, 'Pester.psd1'))) {
        Invoke-Native "Pester $pesterVersion from NuGet" { & dotnet restore ([IO.Path]::Combine($root, 'tools', 'TestModules', 'TestModules.csproj')) -nologo -v minimal }
        $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $tools = [IO.Path]::Combine($packages, 'pester', $pesterVersion, 'tools')
        if (-not [IO.Directory]::Exists($tools)) { throw "Pester $pesterVersion was restored but $tools is missing." }
        [IO.Directory]::CreateDirectory($module) | Out-Null
        Copy-Item -Path ([IO.Path]::Combine($tools, '*')) -Destination $module -Recurse -Force
    }
    $env:PSModulePath = $testModules + [IO.Path]::PathSeparator + $env:PSModulePath
}

# Runs tests/Pester in a child pwsh, so the module under test loads in a clean session, as in a user's script.
function Invoke-PesterTest {
    Install-TestModule
    $results = [IO.Path]::Combine($root, 'out', 'pester-results.xml')
    $testPath = [IO.Path]::Combine($root, 'tests', 'Pester')
    $command = @"
`$PSStyle.OutputRendering = 'PlainText'
Import-Module Pester -RequiredVersion $pesterVersion
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$testPath'
`$configuration.Run.Exit = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputPath = '$results'
Invoke-Pester -Configuration `$configuration
"@
    $pesterCounts = {
        param($line)
        $match = [regex]::Match($line, '^Tests Passed: (\d+), Failed: (\d+)')
        if ($match.Success) {
            $script:passed += [int]$match.Groups[1].Value
            $script:failed += [int]$match.Groups[2].Value
        }
    }
    $pwsh = [IO.Path]::Combine($PSHOME, $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    Invoke-Native "Pester $pesterVersion (tests/Pester)" { & $pwsh -NoProfile -NonInteractive -Command $command }.GetNewClosure() $pesterCounts
}

function Invoke-Package {
    Invoke-Build
    $artifacts = [IO.Path]::Combine($root, 'artifacts')
    [IO.Directory]::CreateDirectory($artifacts) | Out-Null
    $zip = [IO.Path]::Combine($artifacts, "SocialToolkit.$version.zip")
    if ([IO.File]::Exists($zip)) { [IO.File]::Delete($zip) }
    [Reflection.Assembly]::Load('System.IO.Compression.ZipFile') | Out-Null
    # The zip holds SocialToolkit/<version>/..., ready to extract into a folder of $env:PSModulePath.
    [IO.Compression.ZipFile]::CreateFromDirectory([IO.Path]::Combine($root, 'out', 'SocialToolkit'), $zip, [IO.Compression.CompressionLevel]::Optimal, $true)
    Write-Step "Package: $zip"
}

function Invoke-Demo {
    Invoke-Build
    $demo = [IO.Path]::Combine($root, 'out', 'demo')
    [IO.Directory]::CreateDirectory($demo) | Out-Null
    $store = [IO.Path]::Combine($demo, 'sample-store.db')
    $participation = [IO.Path]::Combine($demo, 'participation.xlsx')
    $trainingEffect = [IO.Path]::Combine($demo, 'training-effect.xlsx')

    Import-Module ([IO.Path]::Combine($moduleFolder, 'SocialToolkit.psd1')) -Force
    Write-Step 'Demo: a sample organisation (500 people, 180 days, a known training effect)'
    New-SocialSampleStore -Path $store -Seed 42 -Force | Out-Host
    Write-Step 'Demo: participation report (last 90 days, by department)'
    Export-SocialParticipationReport -StorePath $store -Path $participation -Force -PassThru | Out-Host
    Write-Step 'Demo: training-effect report (28-day windows)'
    Export-SocialTrainingEffectReport -StorePath $store -Path $trainingEffect -Force -PassThru | Out-Host
    Write-Step "Workbooks written:`n  $participation`n  $trainingEffect"
}

foreach ($name in $Task) {
    & "Invoke-$name"
}
