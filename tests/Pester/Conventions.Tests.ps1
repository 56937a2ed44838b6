#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What a PowerShell user expects of any module, checked the way users write scripts: pipeline input, -ErrorAction,
# -WhatIf, paths, the columns the default views show, tab completion and help.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    Import-SocialToolkitUnderTest
    $script:sampleStore = Join-Path $TestDrive 'sample.db'
    New-SocialSampleStore -Path $script:sampleStore -Employees 120 -Days 120 -EndDate 2026-05-31 -Seed 7 | Out-Null

    # A store whose people are known by name: filled from the fake Graph, which serves user000001@contoso.test ….
    $script:graph = Start-FakeGraph
    $script:token = ConvertTo-SecureString 'conventions-test-token' -AsPlainText -Force
    Connect-SocialToolkit -AccessToken $script:token -GraphEndpoint $script:graph.BaseUrl | Out-Null
    $script:graphStore = Join-Path $TestDrive 'graph.db'
    Sync-SocialData -StorePath $script:graphStore -SkipTraining -PaceWindow 0 | Out-Null
    $script:upn = 1..5 | ForEach-Object { 'user{0:D6}@contoso.test' -f $_ }

    function New-Folder([string] $Name) {
        $folder = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        Copy-Item -LiteralPath $script:graphStore -Destination (Join-Path $folder 'store.db')
        $folder
    }

    function New-TrainingFile([string] $Path, [string] $Person, [string] $Course = 'SOC-101') {
        "UserPrincipalName,CourseId,CourseTitle,CompletedDate`n$Person,$Course,Course $Course,2026-03-02`n" | Set-Content -LiteralPath $Path -NoNewline
    }

    function Get-TrainingRecordCount([string] $Store) {
        (Get-SocialStoreInfo -StorePath $Store).TrainingRecords
    }
}

AfterAll {
    Disconnect-SocialToolkit
    Stop-FakeGraph $script:graph
}

Describe 'Pipeline input' {
    It 'imports each file piped from Get-ChildItem, each one its own import' {
        $folder = New-Folder 'pipeline-files'
        New-TrainingFile (Join-Path $folder 'a.csv') $script:upn[0]
        New-TrainingFile (Join-Path $folder 'b.csv') $script:upn[1] 'SOC-201'
        $summaries = Get-ChildItem (Join-Path $folder '*.csv') | Import-SocialTrainingRecord -StorePath (Join-Path $folder 'store.db')
        $summaries.Count | Should -Be 2
        ($summaries | ForEach-Object { Split-Path -Leaf $_.Path }) | Should -Be @('a.csv', 'b.csv')
    }

    It 'takes paths piped as text, relative to the current location' {
        $folder = New-Folder 'pipeline-text'
        New-TrainingFile (Join-Path $folder 'c.csv') $script:upn[2]
        Push-Location $folder
        try {
            $summary = 'c.csv' | Import-SocialTrainingRecord -StorePath ./store.db
            $summary.RowsStored | Should -Be 1
        }
        finally { Pop-Location }
    }

    It 'describes every store piped from Get-ChildItem' {
        $folder = New-Folder 'pipeline-stores'
        Copy-Item -LiteralPath $script:sampleStore -Destination (Join-Path $folder 'sample.db')
        $infos = Get-ChildItem (Join-Path $folder '*.db') | Get-SocialStoreInfo
        $infos.Count | Should -Be 2
    }

    It 'checks every catalog piped from Get-ChildItem' {
        $folder = Join-Path $TestDrive 'pipeline-catalogs'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $shipped = Join-Path (Split-Path -Parent $script:ModuleManifest) 'addin/catalog/guidelines.json'
        Copy-Item $shipped (Join-Path $folder 'one.json')
        '{ "not": "a catalog" }' | Set-Content (Join-Path $folder 'two.json')
        $results = Get-ChildItem (Join-Path $folder '*.json') | Test-SocialGuidelineCatalog -Quiet
        $results | Should -Be @($true, $false)
    }
}

Describe '-ErrorAction' {
    It 'SilentlyContinue hides a missing store and records the error with its target' {
        $output = Get-SocialStoreInfo -StorePath (Join-Path $TestDrive 'nope.db') -ErrorAction SilentlyContinue -ErrorVariable failures 6>&1 | Out-String
        $output.Trim() | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'StoreNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($failures[0].TargetObject)" | Should -BeLike '*nope.db'
        $failures[0].Exception.Message | Should -Match 'New-SocialSampleStore'
    }

    It 'a bad file does not stop the next one, and the error names it' {
        $folder = New-Folder 'error-action'
        'no,usable,columns' | Set-Content (Join-Path $folder 'a.csv')
        New-TrainingFile (Join-Path $folder 'b.csv') $script:upn[3]
        $store = Join-Path $folder 'store.db'
        $before = Get-TrainingRecordCount $store
        $summaries = Get-ChildItem (Join-Path $folder 'a.csv'), (Join-Path $folder 'b.csv') |
            Import-SocialTrainingRecord -StorePath $store -ErrorAction SilentlyContinue -ErrorVariable failures
        @($summaries).Count | Should -Be 1
        (Split-Path -Leaf $summaries.Path) | Should -Be 'b.csv'
        $failures.Count | Should -Be 1
        "$($failures[0].TargetObject)" | Should -BeLike '*a.csv'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Get-TrainingRecordCount $store | Should -Be ($before + 1)
    }

    It 'Stop turns the first bad file into an exception a script can catch, before the next file' {
        $folder = New-Folder 'error-stop'
        'no,usable,columns' | Set-Content (Join-Path $folder 'a.csv')
        New-TrainingFile (Join-Path $folder 'b.csv') $script:upn[3]
        $store = Join-Path $folder 'store.db'
        $before = Get-TrainingRecordCount $store
        $caught = $null
        try { Get-ChildItem (Join-Path $folder '*.csv') | Import-SocialTrainingRecord -StorePath $store -ErrorAction Stop }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ImportMissingColumn,*'
        Get-TrainingRecordCount $store | Should -Be $before
    }

    It 'a report that would replace a workbook is an error that SilentlyContinue silences' {
        $path = Join-Path $TestDrive 'exists.xlsx'
        Export-SocialParticipationReport -Path $path -StorePath $script:sampleStore
        $output = Export-SocialParticipationReport -Path $path -StorePath $script:sampleStore -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures | Out-String
        $output.Trim() | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OutputFileExists,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    It 'a store missing in the middle of a pipeline does not stop the stores after it' {
        $infos = $script:sampleStore, (Join-Path $TestDrive 'nope.db'), $script:graphStore |
            ForEach-Object { [pscustomobject]@{ StorePath = $_ } } |
            Get-SocialStoreInfo -ErrorAction SilentlyContinue -ErrorVariable failures
        $infos.Count | Should -Be 2
        $failures.Count | Should -Be 1
    }

    It 'a whole-command failure is terminating and caught by try/catch' {
        Disconnect-SocialToolkit
        $caught = $null
        try { Get-SocialActivity -Network Teams -ErrorAction Stop } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.Exception.Message | Should -Match 'Connect-SocialToolkit'
    }
}

Describe 'Paths' {
    It 'says a folder is a folder' {
        $null = Get-SocialStoreInfo -StorePath $TestDrive -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InputPathIsFolder,*'
        $failures[0].Exception.Message | Should -Match 'is a folder'
    }

    It 'expands wildcards in -Path and says when one matches no file' {
        $folder = New-Folder 'wildcards'
        New-TrainingFile (Join-Path $folder 'w1.csv') $script:upn[0]
        New-TrainingFile (Join-Path $folder 'w2.csv') $script:upn[1]
        Push-Location $folder
        try {
            (Import-SocialTrainingRecord -Path 'w*.csv' -StorePath store.db).Count | Should -Be 2
            $null = Import-SocialTrainingRecord -Path 'z*.csv' -StorePath store.db -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'InputPathNotFound,*'
        }
        finally { Pop-Location }
    }

    It 'takes -LiteralPath as written, brackets included' {
        $folder = New-Folder 'literal'
        $file = Join-Path $folder 'export[1].csv'
        New-TrainingFile $file $script:upn[2]
        (Import-SocialTrainingRecord -LiteralPath $file -StorePath (Join-Path $folder 'store.db')).RowsStored | Should -Be 1
        (Import-SocialTrainingRecord -PSPath $file -StorePath (Join-Path $folder 'store.db') -WhatIf) | Should -BeNullOrEmpty
    }

    It 'refuses -Path and -LiteralPath together' {
        { Import-SocialTrainingRecord -Path a.csv -LiteralPath b.csv -ErrorAction Stop } | Should -Throw -ErrorId 'PathAndLiteralPath*'
    }

    It 'resolves provider paths and writes output relative to the current location' {
        $folder = New-Folder 'provider'
        New-PSDrive -Name Acceptance -PSProvider FileSystem -Root $folder | Out-Null
        try {
            Push-Location Acceptance:\
            Export-SocialGuidelineWorkbook -OutputPath guidelines.xlsx | Out-Null
            Test-Path (Join-Path $folder 'guidelines.xlsx') | Should -BeTrue
            (Get-SocialStoreInfo -StorePath Acceptance:\store.db).People | Should -BeGreaterThan 0
        }
        finally {
            Pop-Location
            Remove-PSDrive Acceptance
        }
    }

    It 'refuses a folder as the file to write' {
        { Export-SocialGuidelineWorkbook -OutputPath $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId 'OutputPathInvalid*'
    }
}

Describe '-WhatIf' {
    It 'an import says what it would store and stores nothing' {
        $folder = New-Folder 'whatif-import'
        New-TrainingFile (Join-Path $folder 'a.csv') $script:upn[0]
        $store = Join-Path $folder 'store.db'
        $before = Get-TrainingRecordCount $store
        Import-SocialTrainingRecord -Path (Join-Path $folder 'a.csv') -StorePath $store -WhatIf | Should -BeNullOrEmpty
        Get-TrainingRecordCount $store | Should -Be $before
    }

    It 'a report writes no file' {
        $path = Join-Path $TestDrive 'whatif.xlsx'
        Export-SocialParticipationReport -Path $path -StorePath $script:sampleStore -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'a sample store is not created' {
        $path = Join-Path $TestDrive 'whatif.db'
        New-SocialSampleStore -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'an erasure removes nobody' {
        $folder = New-Folder 'whatif-erasure'
        $store = Join-Path $folder 'store.db'
        $people = (Get-SocialStoreInfo -StorePath $store).People
        Remove-SocialStoreData -UserPrincipalName $script:upn[0] -StorePath $store -WhatIf
        (Get-SocialStoreInfo -StorePath $store).People | Should -Be $people
    }
}

Describe 'Default views' {
    It 'lists snippets as Id, Language, Category, Title' {
        $lines = (Get-SocialGuideline -Language en | Select-Object -First 3 | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('Id', 'Language', 'Category', 'Title')
    }

    It 'describes a store with its people, networks, training and last sync' {
        $text = Get-SocialStoreInfo -StorePath $script:sampleStore | Out-String -Width 200
        foreach ($label in 'Path', 'Size', 'SchemaVersion', 'People', 'Networks', 'Training', 'LastSync') {
            $text | Should -Match "(?m)^$label\s+:"
        }
    }

    It 'shows a network''s coverage as a table' {
        $lines = ((Get-SocialStoreInfo -StorePath $script:sampleStore).Networks | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('Network', 'Days', 'First', 'Last', 'Rows', 'Gaps')
    }

    It 'shows an import summary with the file, the rows and the people matched' {
        $folder = New-Folder 'views-import'
        New-TrainingFile (Join-Path $folder 'a.csv') $script:upn[0]
        $text = Import-SocialTrainingRecord -Path (Join-Path $folder 'a.csv') -StorePath (Join-Path $folder 'store.db') | Out-String -Width 200
        foreach ($label in 'Path', 'RowsRead', 'RowsStored', 'PeopleMatched', 'UnmatchedRows', 'StorePath') {
            $text | Should -Match "(?m)^$label\s+:"
        }
    }

    It 'shows a written guideline workbook as a file, with its size' {
        $text = Export-SocialGuidelineWorkbook -OutputPath (Join-Path $TestDrive 'view.xlsx') | Out-String -Width 200
        $item = Get-Item (Join-Path $TestDrive 'view.xlsx')
        $text | Should -Match "\b$($item.Length)\b"
    }

    It 'lists catalog problems as Severity, Code, Location, Message' {
        $path = Join-Path $TestDrive 'problem.json'
        $catalog = Get-Content (Join-Path (Split-Path -Parent $script:ModuleManifest) 'addin/catalog/guidelines.json') -Raw | ConvertFrom-Json
        $catalog.snippets[0].category = 'no-such-category'
        $catalog | ConvertTo-Json -Depth 20 | Set-Content $path
        $lines = (Test-SocialGuidelineCatalog -Path $path | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('Severity', 'Code', 'Location', 'Message')
    }
}

Describe 'Tab completion' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        }
    }

    It 'completes -Network of Get-SocialActivity' {
        Get-Completion 'Get-SocialActivity -Network ' | Sort-Object | Should -Be @('Teams', 'VivaEngage')
    }

    It 'completes the former -Workload too' {
        Get-Completion 'Get-SocialActivity -Workload V' | Should -Be @('VivaEngage')
    }

    It 'completes the networks of other exports' {
        Get-Completion 'Import-SocialActivity -Network L' | Should -Be @('LinkedIn')
    }

    It 'completes guideline categories and languages from the catalog' {
        Get-Completion 'Get-SocialGuideline -Category what' | Should -Contain 'what-to-publish'
        Get-Completion 'Get-SocialGuideline -Language ' | Should -Contain 'fr'
    }

    It 'completes course ids from the store' {
        Get-Completion "Export-SocialTrainingEffectReport -StorePath '$($script:sampleStore)' -Course SOC-2" | Should -Be @('SOC-201')
    }

    It 'completes parameter names' {
        Get-Completion 'Import-SocialTrainingRecord -Lit' | Should -Be @('-LiteralPath')
    }
}

Describe 'Connection' {
    It 'accepts the Graph root without a version, as the Graph SDK does' {
        $info = Connect-SocialToolkit -AccessToken $script:token -GraphEndpoint $script:graph.Origin
        "$($info.GraphEndpoint)".TrimEnd('/') | Should -BeLike '*/v1.0'
        @(Get-SocialStaff).Count | Should -BeGreaterThan 0
        Disconnect-SocialToolkit
    }
}
