#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester tests for people who have pwsh: module import and connection errors. The xunit runspace tests in
# tests/SocialToolkit.PowerShell.Tests cover the same ground (and more) where pwsh is not installed.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $version = (Import-PowerShellDataFile (Join-Path $root 'SocialToolkit.psd1')).ModuleVersion
    $script:manifest = Join-Path $root "out/SocialToolkit/$version/SocialToolkit.psd1"
    Import-Module $script:manifest -Force
}

Describe 'SocialToolkit module' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $script:manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets its manifest lists' {
        $listed = (Import-PowerShellDataFile $script:manifest).CmdletsToExport | Sort-Object
        $exported = (Get-Command -Module SocialToolkit).Name | Sort-Object
        $exported | Should -Be $listed
    }

    It 'has help with an example for every cmdlet' {
        foreach ($command in Get-Command -Module SocialToolkit) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because $command.Name
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because $command.Name
        }
    }
}

Describe 'Connect-SocialToolkit' {
    It 'fails clearly when the endpoint cannot be reached' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $token = ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force
        $failure = { Connect-SocialToolkit -AccessToken $token -GraphEndpoint "http://127.0.0.1:$port/v1.0" -ErrorAction Stop } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GraphUnreachable*'
        $failure.ToString() | Should -Not -Match 'not-a-real-token'
    }

    It 'names the missing certificate file' {
        { Connect-SocialToolkit -TenantId contoso.test -ClientId 11111111-2222-3333-4444-555555555555 -CertificatePath ./missing.pfx -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*missing.pfx*'
    }
}

Describe 'Help' {
    BeforeAll {
        $projectUri = (Import-PowerShellDataFile $script:manifest).PrivateData.PSData.ProjectUri
        $script:pageUri = { param($name) "$projectUri/blob/main/docs/cmdlets/$name.md" }
    }

    It 'points every cmdlet at its page in the project''s repository, for Get-Help -Online' {
        foreach ($command in Get-Command -Module SocialToolkit) {
            $expected = & $script:pageUri $command.Name
            $command.HelpUri | Should -Be $expected -Because $command.Name
            @((Get-Help $command.Name).relatedLinks.navigationLink)[0].uri | Should -Be $expected -Because $command.Name
        }
    }

    It 'describes -WhatIf and -Confirm in the words of the command''s page' {
        $whatIf = (Get-Help ConvertTo-SocialGuidelineCatalog -Parameter WhatIf).description.Text
        $whatIf | Should -Be 'Shows which file would be written, and writes nothing.'
        foreach ($command in Get-Command -Module SocialToolkit | Where-Object { $_.Parameters.ContainsKey('WhatIf') }) {
            (Get-Help $command.Name -Parameter Confirm).description.Text | Should -Not -BeNullOrEmpty -Because $command.Name
        }
    }

    It 'has the about topics <_>' -ForEach 'about_SocialToolkit', 'about_SocialToolkit_Privacy' {
        $topic = Get-Help $_
        $topic.Category | Should -Be 'HelpFile'
        "$topic" | Should -Match 'SHORT DESCRIPTION'
    }

    It 'explains scheduling the daily sync in about_SocialToolkit' {
        $text = Get-Help about_SocialToolkit | Out-String
        foreach ($word in 'Register-ScheduledTask', 'cron', 'Azure Automation', 'SOCIALTOOLKIT_STORE', 'about_SocialToolkit_Privacy') {
            $text | Should -Match ([regex]::Escape($word))
        }
    }

    It 'describes every parameter, including the -Network alias of -Workload' {
        foreach ($command in Get-Command -Module SocialToolkit) {
            foreach ($parameter in @((Get-Help $command.Name).parameters.parameter | Where-Object { $_ })) {
                $parameter.description.Text | Should -Not -BeNullOrEmpty -Because "$($command.Name) -$($parameter.name)"
            }
        }
        (Get-Command Get-SocialActivity).Parameters['Network'].Aliases | Should -Contain 'Workload'
        (Get-Command Sync-SocialData).Parameters['Network'].Aliases | Should -Contain 'Workload'
    }
}
