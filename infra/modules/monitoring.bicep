// Log Analytics workspace and a workspace-based Application Insights component. Local
// (instrumentation-key) authentication is off: the app sends telemetry with its managed identity,
// which gets the Monitoring Metrics Publisher role here and nothing else.

@description('Azure region of the workspace and the component.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Days Log Analytics keeps the logs (30 is included in the price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Principal (object) id of the app\'s managed identity, granted Monitoring Metrics Publisher on the component.')
param publisherPrincipalId string

@description('Stable key of that principal for role assignment names (the identity resource id), known before deployment so What-If can predict the names.')
param publisherPrincipalKey string

@description('Tags applied to every resource.')
param tags object

// Monitoring Metrics Publisher: send telemetry with Entra ID authentication.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, publisherPrincipalKey, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

@description('Application Insights connection string (not a secret here: local auth is disabled, telemetry needs an Entra token).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString

@description('Resource id of the Log Analytics workspace (diagnostic settings of the other resources).')
output workspaceId string = workspace.id

@description('Resource id of the Application Insights component.')
output appInsightsId string = appInsights.id
