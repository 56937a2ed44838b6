@{
    RootModule             = 'SocialToolkit.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b0f8f0e-3c1a-4d8e-9f57-2a6f8b9c4e11'
    Author                 = 'SocialToolkit contributors'
    CompanyName            = 'SocialToolkit'
    Copyright              = '(c) SocialToolkit contributors. MIT licence.'
    Description            = 'Employee participation on social networks, for Microsoft 365 organisations: Graph sync into a local store, Excel participation and training-effect reports that protect people, and the Outlook add-in that puts the house guidelines at hand.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('Connection.format.ps1xml', 'Data.format.ps1xml', 'Reports.format.ps1xml', 'Guidelines.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-SocialToolkit'
        'Disconnect-SocialToolkit'
        'Import-SocialTrainingRecord'
        'Import-SocialActivity'
        'Import-SocialStaff'
        'Get-SocialStoreInfo'
        'Initialize-SocialStore'
        'Remove-SocialStoreData'
        'Copy-SocialStore'
        'Get-SocialGuideline'
        'Test-SocialGuidelineCatalog'
        'ConvertTo-SocialGuidelineCatalog'
        'Export-SocialGuidelineWorkbook'
        'Export-SocialOutlookAddin'
        'New-SocialSampleStore'
        'Export-SocialParticipationReport'
        'Export-SocialTrainingEffectReport'
        'Get-SocialStaff'
        'Get-SocialTrainingRecord'
        'Get-SocialActivity'
        'Sync-SocialData'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('MicrosoftGraph', 'Microsoft365', 'SocialMedia', 'EmployeeAdvocacy', 'VivaEngage', 'Excel', 'Reporting', 'Outlook', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/socialtoolkit/socialtoolkit/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/socialtoolkit/socialtoolkit'
            ReleaseNotes = 'https://github.com/socialtoolkit/socialtoolkit/releases'
        }
    }
}
