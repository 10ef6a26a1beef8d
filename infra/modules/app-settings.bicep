// Writes the Function App's application settings. This replaces the whole set, so every setting
// the app needs must be in appSettings (main.bicep assembles them in one place).

@description('Name of the existing Function App.')
param functionAppName string

@description('Application settings, name -> value. Names use "__" where the app\'s configuration uses ":".')
param appSettings object

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}
