#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The organisation's shared store on PostgreSQL, used as its admin, HR and privacy officer would: through the cmdlets,
# on the throwaway server the test task starts ($env:SOCIALTOOLKIT_TEST_POSTGRES, an administrator's connection
# string). Without a server every test is skipped with the reason the test task gave.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    Import-SocialToolkitUnderTest

    $script:skip = $null
    if (-not $env:SOCIALTOOLKIT_TEST_POSTGRES) {
        $script:skip = if ($env:SOCIALTOOLKIT_TEST_POSTGRES_SKIP) { $env:SOCIALTOOLKIT_TEST_POSTGRES_SKIP } else { 'SOCIALTOOLKIT_TEST_POSTGRES is not set: build.ps1 -Task Test starts a throwaway PostgreSQL' }
        return
    }

    # The administrator's connection, taken apart for psql (which creates the database and the login roles).
    $script:admin = @{}
    foreach ($pair in $env:SOCIALTOOLKIT_TEST_POSTGRES.Split(';', [StringSplitOptions]::RemoveEmptyEntries)) {
        $name, $value = $pair.Split('=', 2)
        $script:admin[$name.Trim()] = $value.Trim()
    }

    function Invoke-Psql([string] $Database, [string] $Sql) {
        $env:PGPASSWORD = $script:admin.Password
        try {
            $output = & psql -X -q -v ON_ERROR_STOP=1 -h $script:admin.Host -p $script:admin.Port -U $script:admin.Username -d $Database -c $Sql 2>&1
            if ($LASTEXITCODE -ne 0) { throw "psql failed: $output" }
        }
        finally {
            Remove-Item Env:PGPASSWORD
        }
    }

    $suffix = [guid]::NewGuid().ToString('N').Substring(0, 12)
    $script:database = "socialtoolkit_test_$([guid]::NewGuid().ToString('N'))"
    Invoke-Psql postgres "CREATE DATABASE $($script:database)"
    $script:server = "Host=$($script:admin.Host);Port=$($script:admin.Port);Database=$($script:database)"

    # Passwords that cannot be mistaken for anything else a command prints.
    $script:passwords = @{}
    foreach ($role in 'owner', 'writer', 'reader', 'privacy') {
        $script:passwords[$role] = "Pw-$role-" + [guid]::NewGuid().ToString('N')
    }
    $script:logins = @{
        owner   = "st_owner_$suffix"
        writer  = "st_sync_$suffix"
        reader  = "st_hr_$suffix"
        privacy = "st_dpo_$suffix"
    }
    # The owner creates the schema and the roles: the database's owner with the right to create roles, as a DBA would set it up.
    Invoke-Psql postgres "CREATE ROLE $($script:logins.owner) LOGIN CREATEROLE PASSWORD '$($script:passwords.owner)'; ALTER DATABASE $($script:database) OWNER TO $($script:logins.owner)"

    function New-StoreCredential([string] $Role) {
        [pscredential]::new($script:logins[$Role], (ConvertTo-SecureString $script:passwords[$Role] -AsPlainText -Force))
    }

    # Every stream of a command, its errors and its output objects as text: where a password must never appear.
    function Get-EverythingSaid([scriptblock] $Command) {
        $Error.Clear()
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        $said = & $Command *>&1 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) {
                $_.ToString(); $_.FullyQualifiedErrorId; "$($_.TargetObject)"; $_.Exception.ToString(); $_.ScriptStackTrace
            }
            elseif ($_ -is [string] -or $_ -is [System.Management.Automation.InformationalRecord]) { "$_" }
            else { $_ | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue }
        }
        ($said + ($Error | ForEach-Object { $_.ToString(); $_.Exception.ToString() })) -join "`n"
    }

    $script:work = Join-Path $TestDrive 'server'
    New-Item -ItemType Directory -Path $script:work | Out-Null
}

AfterAll {
    if (-not $script:skip) {
        Invoke-Psql postgres "DROP DATABASE IF EXISTS $($script:database) WITH (FORCE)"
        foreach ($login in $script:logins.Values) { Invoke-Psql postgres "DROP ROLE IF EXISTS $login" }
    }
}

Describe 'A shared PostgreSQL store' {
    BeforeEach {
        if ($script:skip) { Set-ItResult -Skipped -Because $script:skip }
    }

    It 'is set up by its owner with Initialize-SocialStore, which creates the three roles' {
        if ($script:skip) { return }
        $info = Initialize-SocialStore -StoreConnection $script:server -Credential (New-StoreCredential owner) -Confirm:$false
        $info.Backend | Should -Be 'PostgreSQL'
        $info.SchemaVersion | Should -BeGreaterThan 3
        $info.Path | Should -Be "postgresql://$($script:logins.owner)@$($script:admin.Host):$($script:admin.Port)/$($script:database)"

        # What the store's administrator does next (about_SocialToolkit): a login per person or service, each in its group role.
        foreach ($role in 'writer', 'reader', 'privacy') {
            Invoke-Psql postgres "CREATE ROLE $($script:logins[$role]) LOGIN PASSWORD '$($script:passwords[$role])' IN ROLE socialtoolkit_$role"
        }
    }

    It 'is filled by a writer and read back through $env:SOCIALTOOLKIT_STORE' {
        if ($script:skip) { return }
        New-SocialSampleStore -StoreConnection $script:server -Credential (New-StoreCredential owner) -Employees 150 -Days 60 -EndDate 2026-05-31 -Seed 3 -Confirm:$false |
            Select-Object -ExpandProperty Employees | Should -BeGreaterThan 100

        $writer = New-StoreCredential writer
        $csv = Join-Path $script:work 'training.csv'
        (Get-SocialStoreInfo -StoreConnection $script:server -Credential $writer).People | Should -BeGreaterThan 0
        "UserPrincipalName,CourseId,CourseTitle,CompletedDate`nnobody@example.test,SRV-1,Server course,2026-05-02`n" | Set-Content -LiteralPath $csv -NoNewline
        $imported = Import-SocialTrainingRecord -Path $csv -StoreConnection $script:server -Credential $writer -Confirm:$false -WarningAction SilentlyContinue
        $imported.StorePath | Should -Not -Match 'Pw-'

        $saved = $env:SOCIALTOOLKIT_STORE
        try {
            $env:SOCIALTOOLKIT_STORE = "$($script:server);Username=$($script:logins.reader);Password=$($script:passwords.reader)"
            (Get-SocialStoreInfo).Backend | Should -Be 'PostgreSQL'
        }
        finally {
            $env:SOCIALTOOLKIT_STORE = $saved
        }
    }

    It 'lets HR (the reader role) write both reports' {
        if ($script:skip) { return }
        $reader = New-StoreCredential reader
        Export-SocialParticipationReport -Path (Join-Path $script:work 'participation.xlsx') -StoreConnection $script:server -Credential $reader
        Export-SocialTrainingEffectReport -Path (Join-Path $script:work 'training.xlsx') -StoreConnection $script:server -Credential $reader -WarningAction SilentlyContinue
        Test-Path (Join-Path $script:work 'participation.xlsx') | Should -BeTrue
        Test-Path (Join-Path $script:work 'training.xlsx') | Should -BeTrue
    }

    It 'refuses HR a write or an erasure, with an error that names the role needed' {
        if ($script:skip) { return }
        $reader = New-StoreCredential reader
        $before = Get-SocialStoreInfo -StoreConnection $script:server -Credential $reader

        # Retention works on the store as a whole: a refusal ends the command (a terminating error).
        $refused = $null
        try { Remove-SocialStoreData -StoreConnection $script:server -Credential $reader -OlderThan 2026-05-01 -Confirm:$false | Out-Null }
        catch { $refused = $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'StoreAccessDenied*'
        $refused.ToString() | Should -Match 'socialtoolkit_privacy'

        $csv = Join-Path $script:work 'staff.csv'
        "UserPrincipalName,DisplayName,Department`nnew.hire@contoso.test,New Hire,Sales`n" | Set-Content -LiteralPath $csv -NoNewline
        Import-SocialStaff -Path $csv -StoreConnection $script:server -Credential $reader -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable importRefused 2>$null | Out-Null
        $importRefused[0].FullyQualifiedErrorId | Should -BeLike 'StoreAccessDenied*'
        $importRefused[0].ToString() | Should -Match 'socialtoolkit_writer'

        $after = Get-SocialStoreInfo -StoreConnection $script:server -Credential $reader
        $after.People | Should -Be $before.People
        ($after.Networks | Measure-Object ActivityRows -Sum).Sum | Should -Be ($before.Networks | Measure-Object ActivityRows -Sum).Sum
    }

    It 'never prints a password, in any stream, error or output object' {
        if ($script:skip) { return }
        $inString = "$($script:server);Username=$($script:logins.reader);Password=$($script:passwords.reader)"
        $uri = "postgresql://$($script:logins.reader):$([uri]::EscapeDataString($script:passwords.reader))@$($script:admin.Host):$($script:admin.Port)/$($script:database)"
        $said = Get-EverythingSaid {
            Get-SocialStoreInfo -StoreConnection $inString
            Get-SocialStoreInfo -StoreConnection $uri
            Export-SocialParticipationReport -Path (Join-Path $script:work 'p2.xlsx') -StoreConnection $inString -PassThru
            try { Remove-SocialStoreData -StoreConnection $inString -OlderThan 2026-05-01 -Confirm:$false } catch { $_ }
            Get-SocialStoreInfo -StoreConnection "$($script:server);Username=$($script:logins.reader);Password=Wrong-$($script:passwords.reader)" -ErrorAction Continue
            Get-SocialStoreInfo -StoreConnection $script:server -Credential (New-StoreCredential privacy)
        }
        $said | Should -Match 'StoreAccessDenied'
        $said | Should -Match 'StoreSignInRefused'
        foreach ($password in $script:passwords.Values) {
            $said | Should -Not -Match ([regex]::Escape($password))
        }
    }
}
