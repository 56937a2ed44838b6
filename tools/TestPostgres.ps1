<#
.SYNOPSIS
    A throwaway PostgreSQL server for the tests: Start-TestPostgres and Stop-TestPostgres.

.DESCRIPTION
    build.ps1 -Task Test dot-sources this file, starts a server before the tests and stops it after them, even when a
    test fails. By hand:

      . ./tools/TestPostgres.ps1
      Start-TestPostgres
      dotnet test tests/SocialToolkit.Engine.Tests -c Release --filter TestPostgres
      Stop-TestPostgres

    Start-TestPostgres creates a database cluster in a new temporary folder and starts it on 127.0.0.1 only, on a free
    port, as an unprivileged user. It puts the administrator's connection string
    (Host=127.0.0.1;Port=<port>;Username=postgres;Password=<random>;Database=postgres) in
    $env:SOCIALTOOLKIT_TEST_POSTGRES, which the test processes started afterwards inherit. When no server can be had
    (not Linux, PostgreSQL missing and not installable, a server that does not start), the build goes on: one line
    says why, the reason goes to $env:SOCIALTOOLKIT_TEST_POSTGRES_SKIP, and the PostgreSQL tests report themselves
    skipped with it.

    Stop-TestPostgres stops the server, removes the folder and clears both variables; calling it again does nothing.
#>

# The names the tests read (tests/SocialToolkit.Engine.Tests/Support/TestPostgres.cs).
$script:TestPostgresConnectionVariable = 'SOCIALTOOLKIT_TEST_POSTGRES'
$script:TestPostgresSkipVariable = 'SOCIALTOOLKIT_TEST_POSTGRES_SKIP'
# Debian's postgresql package creates this system user; PostgreSQL refuses to run as root.
$script:TestPostgresSystemUser = 'postgres'
# Kept when the file is dot-sourced again, so a running server is not forgotten (and left running).
if (-not (Get-Variable 'TestPostgresServer' -Scope Script -ErrorAction SilentlyContinue)) { $script:TestPostgresServer = $null }

function Start-TestPostgres {
    [CmdletBinding()]
    param()

    Stop-TestPostgres
    if (-not $IsLinux) {
        Write-TestPostgresSkip 'the throwaway PostgreSQL server is set up on Linux only'
        return
    }

    $binFolder = Find-PostgresServerFolder
    if (-not $binFolder) {
        if (-not (Get-Command 'Install-DebianPackage' -CommandType Function -ErrorAction SilentlyContinue)) {
            Write-TestPostgresSkip "PostgreSQL's server programs (initdb, pg_ctl) are not installed: install Debian's postgresql package, or run build.ps1 -Task Test, which installs it"
            return
        }
        try {
            # initdb is not on PATH in Debian's layout, so this installs the package; Install-DebianPackage waits for apt's lock.
            Install-DebianPackage 'initdb' @('postgresql')
        }
        catch {
            Write-TestPostgresSkip "PostgreSQL's server programs are not installed and Debian's postgresql package could not be installed: $($_.Exception.Message)"
            return
        }
        $binFolder = Find-PostgresServerFolder
        if (-not $binFolder) {
            Write-TestPostgresSkip "Debian's postgresql package is installed, but no folder holds initdb, pg_ctl, pg_isready, psql and postgres (looked in pg_config --bindir, /usr/lib/postgresql/<version>/bin and PATH)"
            return
        }
    }

    $asSystemUser = (& id -u) -eq '0'
    if ($asSystemUser -and -not (& getent passwd $script:TestPostgresSystemUser)) {
        Write-TestPostgresSkip "the build runs as root, which PostgreSQL refuses, and there is no '$($script:TestPostgresSystemUser)' user to run the server as (Debian's postgresql package creates it)"
        return
    }

    try {
        $folder = New-TestPostgresFolder $asSystemUser
    }
    catch {
        Write-TestPostgresSkip "no temporary folder for the server: $($_.Exception.Message)"
        return
    }
    # Recorded before anything runs, so that Stop-TestPostgres cleans up after a start that fails half-way.
    $server = [pscustomobject]@{
        BinFolder    = $binFolder
        Folder       = $folder
        DataFolder   = [IO.Path]::Combine($folder, 'data')
        LogFile      = [IO.Path]::Combine($folder, 'server.log')
        AsSystemUser = $asSystemUser
    }
    $script:TestPostgresServer = $server

    try {
        $password = New-TestPostgresPassword
        Initialize-TestPostgresCluster $server $password
        $port = Start-TestPostgresServer $server
        $version = Wait-TestPostgresReady $server $port $password
    }
    catch {
        [Console]::WriteLine("PostgreSQL did not start: $($_.Exception.Message)")
        foreach ($line in (Get-TestPostgresLogTail $server)) {
            [Console]::WriteLine("  server.log: $line")
        }
        Stop-TestPostgres
        Write-TestPostgresSkip "the throwaway PostgreSQL server did not start: $($_.Exception.Message)"
        return
    }

    [Environment]::SetEnvironmentVariable($script:TestPostgresConnectionVariable, "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres")
    [Console]::WriteLine("PostgreSQL $version for the tests on 127.0.0.1:$port (`$env:$($script:TestPostgresConnectionVariable))")
}

function Stop-TestPostgres {
    [CmdletBinding()]
    param()

    $server = $script:TestPostgresServer
    $script:TestPostgresServer = $null
    [Environment]::SetEnvironmentVariable($script:TestPostgresConnectionVariable, $null)
    [Environment]::SetEnvironmentVariable($script:TestPostgresSkipVariable, $null)
    if (-not $server) { return }

    $pgCtl = [IO.Path]::Combine($server.BinFolder, 'pg_ctl')
    # postmaster.pid exists from the server's start until its shutdown completes.
    $wasRunning = [IO.File]::Exists([IO.Path]::Combine($server.DataFolder, 'postmaster.pid'))
    if ($wasRunning) {
        $stop = Invoke-TestPostgresServerCommand $server $pgCtl @('stop', '-D', $server.DataFolder, '-m', 'fast', '-w', '-t', '60')
        if ($stop.ExitCode -ne 0) {
            $stop = Invoke-TestPostgresServerCommand $server $pgCtl @('stop', '-D', $server.DataFolder, '-m', 'immediate', '-w', '-t', '60')
        }
        # pg_ctl status says 3 when no server runs on the folder (one that died leaves a stale postmaster.pid).
        if ($stop.ExitCode -ne 0 -and (Invoke-TestPostgresServerCommand $server $pgCtl @('status', '-D', $server.DataFolder)).ExitCode -ne 3) {
            # Removing the folder under a running server would leave it running without its files: leave both.
            [Console]::WriteLine("PostgreSQL did not stop (pg_ctl: $($stop.Output)); its folder is left in place: $($server.Folder)")
            return
        }
    }
    try {
        [IO.Directory]::Delete($server.Folder, $true)
    }
    catch {
        [Console]::WriteLine("PostgreSQL stopped, but its temporary folder could not be removed: $($_.Exception.Message)")
        return
    }
    [Console]::WriteLine($(if ($wasRunning) { 'PostgreSQL for the tests stopped and its temporary folder removed' } else { "PostgreSQL's temporary folder removed" }))
}

function Write-TestPostgresSkip([string] $Reason) {
    [Environment]::SetEnvironmentVariable($script:TestPostgresConnectionVariable, $null)
    [Environment]::SetEnvironmentVariable($script:TestPostgresSkipVariable, $Reason)
    [Console]::WriteLine("PostgreSQL: the PostgreSQL half of the tests will be skipped: $Reason")
}

# The folder of the server programs: pg_config's answer, else Debian's per-version folders (highest version first),
# else wherever initdb on PATH really lives. A folder counts only when it holds every program used here: libpq-dev's
# pg_config names the server's folder even when the server is not installed.
function Find-PostgresServerFolder {
    $candidates = [Collections.Generic.List[string]]::new()
    if (Get-Command 'pg_config' -CommandType Application -ErrorAction SilentlyContinue) {
        $bindir = & pg_config --bindir 2>$null
        if ($LASTEXITCODE -eq 0 -and $bindir) { $candidates.Add("$bindir".Trim()) }
    }
    if ([IO.Directory]::Exists('/usr/lib/postgresql')) {
        [IO.Directory]::GetDirectories('/usr/lib/postgresql') |
            Where-Object { [IO.Path]::GetFileName($_) -match '^\d+$' } |
            Sort-Object { [int][IO.Path]::GetFileName($_) } -Descending |
            ForEach-Object { $candidates.Add([IO.Path]::Combine($_, 'bin')) }
    }
    $initdb = Get-Command 'initdb' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($initdb) {
        $target = ([IO.FileInfo]::new($initdb.Source)).ResolveLinkTarget($true)
        $candidates.Add([IO.Path]::GetDirectoryName($(if ($target) { $target.FullName } else { $initdb.Source })))
    }
    foreach ($candidate in $candidates) {
        $complete = $true
        foreach ($program in 'initdb', 'pg_ctl', 'pg_isready', 'psql', 'postgres') {
            if (-not [IO.File]::Exists([IO.Path]::Combine($candidate, $program))) { $complete = $false }
        }
        if ($complete) { return $candidate }
    }
    $null
}

# A new folder only its owner can enter (the data, the log, the socket, briefly the password file). As root it is
# given to the system user, which must be able to reach it: a TMPDIR under /root would not do, /tmp always does.
function New-TestPostgresFolder([bool] $AsSystemUser) {
    $parent = [IO.Path]::GetTempPath()
    if ($AsSystemUser) {
        & runuser -u $script:TestPostgresSystemUser -- test -x $parent 2>$null
        if ($LASTEXITCODE -ne 0) { $parent = '/tmp' }
    }
    $folder = [IO.Path]::Combine($parent, 'socialtoolkit-postgres-' + [Guid]::NewGuid().ToString('N'))
    [IO.Directory]::CreateDirectory($folder, [IO.UnixFileMode]'UserRead, UserWrite, UserExecute') | Out-Null
    if ($AsSystemUser) {
        $output = & chown "$($script:TestPostgresSystemUser):" $folder 2>&1
        if ($LASTEXITCODE -ne 0) {
            [IO.Directory]::Delete($folder, $true)
            throw "chown $($script:TestPostgresSystemUser) $folder failed: $output"
        }
    }
    $folder
}

# Hex, so the connection string needs no quoting.
function New-TestPostgresPassword {
    [Convert]::ToHexString([Security.Cryptography.RandomNumberGenerator]::GetBytes(24)).ToLowerInvariant()
}

# initdb with the password read from a file (never on a command line, where ps would show it), removed right after.
function Initialize-TestPostgresCluster($Server, [string] $Password) {
    $passwordFile = [IO.Path]::Combine($Server.Folder, 'initdb-password')
    [IO.File]::WriteAllText($passwordFile, $Password + "`n")
    try {
        # C.UTF-8 where the system has it, so lower(), upper() and ILIKE handle accented letters as they would on a
        # real server; plain C otherwise.
        $locale = if (@(& locale -a 2>$null) -match '^C\.utf-?8$') { '--locale=C.UTF-8' } else { '--no-locale' }
        $initdb = Invoke-TestPostgresServerCommand $Server ([IO.Path]::Combine($Server.BinFolder, 'initdb')) @(
            '-D', $Server.DataFolder, '--username=postgres', "--pwfile=$passwordFile", '--auth=scram-sha-256',
            '--encoding=UTF8', $locale, '--no-sync')
        if ($initdb.ExitCode -ne 0) { throw "initdb failed (exit code $($initdb.ExitCode)): $($initdb.Output)" }
    }
    finally {
        [IO.File]::Delete($passwordFile)
    }

    $socketFolder = $Server.Folder.Replace("'", "''")
    # Reached over loopback TCP only; the unix socket stays in the private folder rather than the shared
    # /var/run/postgresql. Durability is pointless for a server removed after the run, and costs time.
    $settings = @(
        '',
        '# Throwaway server for the tests (tools/TestPostgres.ps1)',
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = '$socketFolder'",
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off'
    )
    [IO.File]::AppendAllLines([IO.Path]::Combine($Server.DataFolder, 'postgresql.conf'), [string[]]$settings)
}

# Starts the server on a free port and returns the port. Another program may take the port between the check and the
# start: that case (and only that one) is retried on another port.
function Start-TestPostgresServer($Server) {
    $pgCtl = [IO.Path]::Combine($Server.BinFolder, 'pg_ctl')
    for ($attempt = 1; ; $attempt++) {
        $port = Get-FreeLoopbackPort
        $start = Invoke-TestPostgresServerCommand $Server $pgCtl @('start', '-D', $Server.DataFolder, '-l', $Server.LogFile, '-w', '-t', '120', '-o', "-p $port")
        if ($start.ExitCode -eq 0) { return $port }
        $log = Get-TestPostgresLogTail $Server
        $portTaken = $log -match 'could not bind|already in use'
        if (-not $portTaken -or $attempt -ge 3) {
            # The server's own last word says more than pg_ctl's "could not start server".
            $cause = @($log -match '\b(FATAL|PANIC|ERROR):') | Select-Object -Last 1
            $cause = if ($cause) { $cause -replace '^.*?\b(FATAL|PANIC|ERROR):\s*', '$1: ' } else { $start.Output }
            throw "pg_ctl start failed (exit code $($start.ExitCode)): $cause"
        }
    }
}

function Get-FreeLoopbackPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port }
    finally { $listener.Stop() }
}

# Waits until the server accepts connections on 127.0.0.1, then signs in with the password over TCP as the tests will,
# and returns the server's version.
function Wait-TestPostgresReady($Server, [int] $Port, [string] $Password) {
    $pgIsReady = [IO.Path]::Combine($Server.BinFolder, 'pg_isready')
    $deadline = [DateTime]::UtcNow.AddSeconds(120)
    while ($true) {
        $ready = & $pgIsReady -h 127.0.0.1 -p $Port -U postgres -d postgres -t 5 2>&1
        if ($LASTEXITCODE -eq 0) { break }
        if ([DateTime]::UtcNow -gt $deadline) { throw "the server does not accept connections on 127.0.0.1:$Port after 120 s (pg_isready: $ready)" }
        Start-Sleep -Milliseconds 250
    }

    # The password goes to psql through its environment, never its command line; the previous value comes back after.
    $previousPassword = $env:PGPASSWORD
    $env:PGPASSWORD = $Password
    try {
        $version = & ([IO.Path]::Combine($Server.BinFolder, 'psql')) -X -A -t -q -h 127.0.0.1 -p $Port -U postgres -d postgres -c 'SHOW server_version' 2>&1
        if ($LASTEXITCODE -ne 0) { throw "the server runs but refuses the postgres user's password over TCP (psql: $version)" }
    }
    finally {
        $env:PGPASSWORD = $previousPassword
    }
    "$version".Trim()
}

# Runs a server program as the system user when the build runs as root (PostgreSQL refuses root), else as the
# current user, from inside the server's folder so the program never needs to read the caller's working folder.
function Invoke-TestPostgresServerCommand($Server, [string] $Program, [string[]] $Arguments) {
    Push-Location -LiteralPath $Server.Folder
    try {
        if ($Server.AsSystemUser) { $output = & runuser -u $script:TestPostgresSystemUser -- $Program @Arguments 2>&1 }
        else { $output = & $Program @Arguments 2>&1 }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = (@($output | ForEach-Object { "$_".Trim() } | Where-Object { $_ }) -join ' | ') }
    }
    finally {
        Pop-Location
    }
}

function Get-TestPostgresLogTail($Server, [int] $Lines = 20) {
    if (-not $Server -or -not [IO.File]::Exists($Server.LogFile)) { return @() }
    $all = [IO.File]::ReadAllLines($Server.LogFile)
    $all | Select-Object -Last $Lines
}
