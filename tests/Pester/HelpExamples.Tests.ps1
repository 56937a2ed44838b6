#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every example of the compiled help runs as written, in a folder of its own holding the files it names, against a
# sample store or a store filled from a fake Microsoft Graph. Examples that need a real tenant, a person at a sign-in
# page or a Windows share are listed below with the reason; a new example runs unless it is added there.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    Import-SocialToolkitUnderTest

    # Examples that cannot run here, and why. Keys are "<cmdlet> #<example number>".
    $skipped = @{
        'Connect-SocialToolkit #1'            = 'needs a tenant: an app registration and its certificate in the certificate store'
        'Connect-SocialToolkit #2'            = 'needs a tenant and a person at the device-code sign-in page'
        'Connect-SocialToolkit #3'            = 'needs an Azure managed identity (Azure Automation or an Azure VM)'
        'Connect-SocialToolkit #4'            = 'needs a token from a real tenant typed at a Read-Host prompt, and the organisation''s proxy'
        'ConvertTo-SocialGuidelineCatalog #2' = 'writes to a Windows file share (\\web01)'
        'Copy-SocialStore #2'                 = 'needs the organisation''s PostgreSQL server (db.contoso.com) and a person at the credential prompt'
        'Copy-SocialStore #3'                 = 'needs the organisation''s PostgreSQL server (db.contoso.com) and a person at the credential prompt'
        'Get-SocialStaff #1'                  = 'needs a tenant: an app registration and its certificate in the certificate store'
        'Get-SocialTrainingRecord #1'         = 'needs a tenant and a person at the device-code sign-in page (Viva Learning is delegated only)'
        'Initialize-SocialStore #2'           = 'needs the organisation''s PostgreSQL server and its owner typing a password at Get-Credential (StoreServer.Tests.ps1 runs the same command against a throwaway server)'
        'Sync-SocialData #1'                  = 'needs a tenant: an app registration and its certificate in the certificate store'
        'Sync-SocialData #2'                  = 'writes to D:\, a Windows drive'
    }
    $examples = @(Get-SocialHelpExample | ForEach-Object {
            @{ Key = $_.Key; Title = $_.Title; Code = $_.Code; SkipReason = $skipped[$_.Key] }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    Import-SocialToolkitUnderTest
    $script:shippedCatalog = Join-Path (Split-Path -Parent $script:ModuleManifest) 'addin/catalog/guidelines.json'
    $script:stores = Join-Path $TestDrive 'stores'
    New-Item -ItemType Directory -Path $script:stores | Out-Null

    # A sample organisation whose period covers the dates the examples name (Q1 2026).
    $script:sampleStore = Join-Path $script:stores 'sample.db'
    New-SocialSampleStore -Path $script:sampleStore -Employees 300 -Days 240 -EndDate 2026-05-31 -Seed 42 | Out-Null

    # A store filled from the fake Graph: its people (user000001@contoso.test …) are the ones the example files name.
    $script:graph = Start-FakeGraph
    $script:token = ConvertTo-SecureString 'acceptance-test-token' -AsPlainText -Force
    # What a device-code sign-in gives: a token with delegated scopes (scp). The fake Graph does not check signatures.
    $encode = { param($json) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $claims = @{ scp = 'User.Read.All Reports.Read.All LearningContent.Read.All LearningAssignedCourse.Read.All LearningSelfInitiatedCourse.Read.All Sites.Read.All'; tid = '8f3a1c55-0c3e-4a8e-9a51-6f0d2b7c1e42'; exp = [DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds() } | ConvertTo-Json -Compress
    $script:delegatedToken = ConvertTo-SecureString "$(& $encode '{"alg":"none","typ":"JWT"}').$(& $encode $claims).signature" -AsPlainText -Force
    Connect-SocialToolkit -AccessToken $script:token -GraphEndpoint $script:graph.BaseUrl | Out-Null
    $script:graphStore = Join-Path $script:stores 'graph.db'
    Sync-SocialData -StorePath $script:graphStore -SkipTraining -PaceWindow 0 | Out-Null
    Disconnect-SocialToolkit

    $script:upn = 1..5 | ForEach-Object { 'user{0:D6}@contoso.test' -f $_ }
    $script:run = 0

    # What each example needs: the store behind $env:SOCIALTOOLKIT_STORE (Sample, Graph or None), a Graph
    # session (app-only, or Delegated as after a device-code sign-in), the files it reads, the variables it leaves to
    # the reader, and what to check after it ran.
    $script:arrangements = @{
        'ConvertTo-SocialGuidelineCatalog #1' = @{ Files = 'guidelines.xlsx'; Then = { Test-Path guidelines.json | Should -BeTrue } }
        'ConvertTo-SocialGuidelineCatalog #3' = @{ Files = 'guidelines.xlsx (invalid)'; Then = { $failed[0].FullyQualifiedErrorId | Should -BeLike 'Guideline*'; @($failed[0].TargetObject)[0].Sheet | Should -Not -BeNullOrEmpty; Test-Path guidelines.json | Should -BeFalse } }
        'Copy-SocialStore #1'                 = @{ Files = 'pilot.db'; Then = { $output.Verified | Should -BeTrue; Test-Path pilot-copy.db | Should -BeTrue } }
        'Copy-SocialStore #4'                 = @{ Files = 'pilot.db'; Then = { $output.Verified | Should -BeTrue; $output.Replaced['person'] | Should -BeGreaterThan 0 } }
        'Disconnect-SocialToolkit #1'         = @{ Connected = $true }
        'Export-SocialGuidelineWorkbook #1'   = @{ Then = { (Get-Item guidelines.xlsx).Length | Should -BeGreaterThan 0 } }
        'Export-SocialGuidelineWorkbook #2'   = @{ Files = 'guidelines.json'; Then = { Test-Path guidelines.xlsx | Should -BeTrue } }
        'Export-SocialOutlookAddin #1'        = @{ Then = { Test-Path social-addin/manifest.xml | Should -BeTrue } }
        'Export-SocialOutlookAddin #2'        = @{ Files = 'guidelines.xlsx'; Then = { Test-Path social-addin/manifest.xml | Should -BeTrue } }
        'Export-SocialOutlookAddin #3'        = @{ Then = { Test-Path social-addin | Should -BeFalse } }
        'Export-SocialParticipationReport #1' = @{ Then = { Test-Path participation.xlsx | Should -BeTrue } }
        'Export-SocialParticipationReport #2' = @{ Then = { Test-Path q1.xlsx | Should -BeTrue } }
        'Export-SocialParticipationReport #3' = @{ Files = 'store.db'; Then = { Test-Path participation.xlsx | Should -BeTrue } }
        'Export-SocialTrainingEffectReport #1' = @{ Then = { Test-Path training.xlsx | Should -BeTrue } }
        'Export-SocialTrainingEffectReport #2' = @{ Then = { Test-Path soc201.xlsx | Should -BeTrue } }
        'Export-SocialTrainingEffectReport #3' = @{ Then = { Test-Path check.xlsx | Should -BeTrue } }
        'Get-SocialActivity #1'               = @{ Connected = $true; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialActivity #2'               = @{ Connected = $true; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialActivity #3'               = @{ Connected = $true }
        'Get-SocialGuideline #1'              = @{ Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialGuideline #2'              = @{ Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialGuideline #3'              = @{ Files = 'catalog/guidelines.json'; Then = { "$output" | Should -Match '<' } }
        'Get-SocialStaff #2'                  = @{ Connected = $true; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialStaff #3'                  = @{ Connected = $true; Variables = @{ site = 'contoso.sharepoint.com,6f0c2d4e-1111-4a8b-9c10-2b3c4d5e6f70,8a9b0c1d-2222-4e3f-8a7b-6c5d4e3f2a10' }; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialTrainingRecord #2'         = @{ Connected = $true; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialTrainingRecord #3'         = @{ Connected = 'Delegated'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Get-SocialStoreInfo #2'              = @{ Files = 'pilot.db'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Initialize-SocialStore #1'           = @{ Store = 'None'; Then = { $output.SchemaVersion | Should -BeGreaterThan 0; Test-Path socialtoolkit.db | Should -BeTrue } }
        'Import-SocialActivity #1'            = @{ Store = 'Graph'; Files = 'YammerActivityUserDetail_2026-03-30.csv'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Import-SocialActivity #2'            = @{ Store = 'Graph'; Files = 'linkedin-march.xlsx'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Import-SocialActivity #3'            = @{ Store = 'Graph'; Files = 'x-activite.csv' }
        'Import-SocialStaff #1'               = @{ Store = 'Graph'; Files = 'effectifs.csv'; Then = { $output.PeopleUpdated + $output.PeopleAdded | Should -BeGreaterThan 0 } }
        'Import-SocialStaff #2'               = @{ Store = 'Graph'; Files = 'hr.xlsx'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Import-SocialStaff #3'               = @{ Store = 'Graph'; Files = 'hr.csv'; Then = { $output | Should -BeNullOrEmpty } }
        'Import-SocialTrainingRecord #1'      = @{ Store = 'Graph'; Files = 'training.csv'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Import-SocialTrainingRecord #2'      = @{ Store = 'Graph'; Files = 'formations.csv'; Then = { $output | Should -Not -BeNullOrEmpty } }
        'Import-SocialTrainingRecord #3'      = @{ Store = 'Graph'; Files = 'training.xlsx', 'pilot.db' }
        'Import-SocialTrainingRecord #4'      = @{ Store = 'Graph'; Files = 'exports/linkedin-1.csv', 'exports/linkedin-2.csv'; Then = { @($output).Count | Should -Be 2 } }
        'New-SocialSampleStore #1'            = @{ Store = 'None'; Then = { Test-Path $env:SOCIALTOOLKIT_STORE | Should -BeTrue } }
        'New-SocialSampleStore #2'            = @{ Then = { Test-Path training.xlsx | Should -BeTrue } }
        'Remove-SocialStoreData #3'           = @{ Store = 'Graph'; Files = 'erasure-requests.txt' }
        'Remove-SocialStoreData #4'           = @{ Files = 'pilot.db' }
        'Sync-SocialData #3'                  = @{ Store = 'Graph'; Connected = $true }
        'Sync-SocialData #4'                  = @{ Store = 'Graph'; Connected = $true }
        'Test-SocialGuidelineCatalog #1'      = @{ Then = { $output | Should -BeNullOrEmpty } }
        'Test-SocialGuidelineCatalog #2'      = @{ Files = 'guidelines.json' }
        'Test-SocialGuidelineCatalog #3'      = @{ Files = 'guidelines.json' }
    }

    # Writes one file an example reads, in the example's folder; stores are copies of the example's store.
    function New-ExampleFile([string] $Name, [string] $Store) {
        $target = $Name -replace ' \(invalid\)$', ''
        $folder = Split-Path -Parent $target
        if ($folder) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
        $upn = $script:upn
        switch ($Name) {
            'guidelines.json' { Copy-Item -LiteralPath $script:shippedCatalog -Destination $target }
            'catalog/guidelines.json' { Copy-Item -LiteralPath $script:shippedCatalog -Destination $target }
            'guidelines.xlsx' { Export-SocialGuidelineWorkbook -OutputPath $target | Out-Null }
            'guidelines.xlsx (invalid)' {
                New-TestWorkbook -Path $target -Sheets ([ordered]@{
                        Snippets = @(, @('Id', 'Category', 'Tags', 'Title (en)', 'Body (en)')) + @(, @('bad id!', 'no-such-category', '', '', '<p>x</p>'))
                        Categories = @(, @('Id', 'Title (en)')) + @(, @('known', 'Known'))
                    })
            }
            { $_ -in 'store.db', 'pilot.db' } { Copy-Item -LiteralPath $Store -Destination $target }
            'training.csv' {
                "UserPrincipalName,CourseId,CourseTitle,Status,CompletedDate`n$($upn[0]),SOC-101,Social media basics,Completed,2026-03-02`n$($upn[1]),SOC-101,Social media basics,Completed,2026-03-09`n" |
                    Set-Content -LiteralPath $target -NoNewline
            }
            { $_ -like 'exports/*.csv' } {
                "Email,Course,Title,CompletedOn`n$($upn[2]),LIL-7,Personal branding,2026-02-1$($target[-5])`n" | Set-Content -LiteralPath $target -NoNewline
            }
            'formations.csv' {
                "Adresse e-mail;Code module;Intitulé;Date de fin`n$($upn[0]);SOC-201;Parler au nom de l'entreprise;31/03/2026`n$($upn[3]);SOC-201;Parler au nom de l'entreprise;02/04/2026`n" |
                    Set-Content -LiteralPath $target -NoNewline -Encoding utf8
            }
            'training.xlsx' {
                New-TestWorkbook -Path $target -Sheets ([ordered]@{
                        Training = @(, @('UserPrincipalName', 'CourseId', 'CourseTitle', 'CompletedDate')) + @($upn[0..2] | ForEach-Object { , @($_, 'SOC-301', 'Answering criticism', '2026-04-15') })
                    })
            }
            'YammerActivityUserDetail_2026-03-30.csv' {
                $lines = @('Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period')
                $lines += $upn[0..2] | ForEach-Object { "2026-03-30,$_,$_,Active,,2026-03-30,2,10,3,MICROSOFT 365 E3,1" }
                $lines -join "`n" | Set-Content -LiteralPath $target -Encoding utf8BOM
            }
            'linkedin-march.xlsx' {
                New-TestWorkbook -Path $target -Sheets ([ordered]@{
                        Activity = @(, @('Work email', 'Date', 'Posts', 'Reactions given', 'Reposts')) + @($upn[0..3] | ForEach-Object { , @($_, '2026-03-12', '1', '4', '0') })
                    })
            }
            'x-activite.csv' {
                "UserPrincipalName;Jour;Publications;Likes`n$($upn[0]);31/03/2026;2;5`n$($upn[1]);30/03/2026;1;0`n" | Set-Content -LiteralPath $target -NoNewline -Encoding utf8
            }
            'erasure-requests.txt' { $upn[3..4] | Set-Content -LiteralPath $target }
            'effectifs.csv' {
                "Courriel;Nom complet;Service;Poste;Pays;Responsable;Date d'embauche;Date de sortie`n$($upn[0]);Camille Martin;Communication;Chargée de communication;France;$($upn[1]);02/09/2024;`n$($upn[2]);Louis Bernard;Ventes;Commercial;France;$($upn[1]);15/01/2025;31/10/2026`n" |
                    Set-Content -LiteralPath $target -NoNewline -Encoding utf8
            }
            'hr.xlsx' {
                New-TestWorkbook -Path $target -Sheets ([ordered]@{
                        Staff = @(, @('UserPrincipalName', 'Department', 'HireDate')) + @($upn[0..2] | ForEach-Object { , @($_, 'Marketing', '2024-05-06') })
                    })
            }
            'hr.csv' {
                "Work address,Department,Exit`n$($upn[3]),Finance,2026-10-31`n$($upn[4]),Finance,`n" | Set-Content -LiteralPath $target -NoNewline
            }
            default { throw "No fixture named '$Name'." }
        }
    }
}

AfterAll {
    Disconnect-SocialToolkit
    Stop-FakeGraph $script:graph
    Write-Host "Help examples executed: $script:run"
}

Describe 'Help example <Key>' -ForEach $examples {
    It 'runs as written: <Title>' {
        if ($SkipReason) {
            Set-ItResult -Skipped -Because $SkipReason
            return
        }

        $arrange = $script:arrangements[$Key]
        if (-not $arrange) { $arrange = @{} }
        $folder = Join-Path $TestDrive ($Key -replace '[^A-Za-z0-9]+', '-')
        New-Item -ItemType Directory -Path $folder | Out-Null
        $defaultStore = Join-Path $folder 'default-store/store.db'
        $storeKind = if ($arrange.Store) { $arrange.Store } else { 'Sample' }
        $source = @{ Sample = $script:sampleStore; Graph = $script:graphStore; None = $null }[$storeKind]
        if ($source) {
            New-Item -ItemType Directory -Path (Split-Path -Parent $defaultStore) | Out-Null
            Copy-Item -LiteralPath $source -Destination $defaultStore
        }

        $savedStore = $env:SOCIALTOOLKIT_STORE
        Push-Location -LiteralPath $folder
        try {
            $env:SOCIALTOOLKIT_STORE = $defaultStore
            foreach ($file in @($arrange.Files | Where-Object { $_ })) { New-ExampleFile -Name $file -Store $source }
            if ($arrange.Connected) {
                $token = if ($arrange.Connected -eq 'Delegated') { $script:delegatedToken } else { $script:token }
                Connect-SocialToolkit -AccessToken $token -GraphEndpoint $script:graph.BaseUrl | Out-Null
            }
            # Values an example leaves to the reader, such as the organisation's SharePoint site id.
            if ($arrange.Variables) {
                foreach ($variable in $arrange.Variables.GetEnumerator()) { Set-Variable -Name $variable.Key -Value $variable.Value }
            }

            # Any error, even a non-terminating one, fails the example; a prompt is answered "Yes to All"; the sync
            # is not paced, since the fake Graph has no report limit.
            $ErrorActionPreference = 'Stop'
            $ConfirmPreference = 'None'
            $PSDefaultParameterValues = @{ 'Sync-SocialData:PaceWindow' = [TimeSpan]::Zero }
            $block = [scriptblock]::Create($Code)
            $output = . $block
            $null = $output | Out-String
            $script:run++
            if ($arrange.Then) { . $arrange.Then }
        }
        finally {
            Pop-Location
            $env:SOCIALTOOLKIT_STORE = $savedStore
            Disconnect-SocialToolkit
        }
    }
}
