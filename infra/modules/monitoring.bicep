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

@description('Resource id of an action group the expiry and undelivered-notification alerts notify (empty: the alerts fire in the portal only).')
param alertActionGroupId string = ''

@description('The expiry alert fires for a certificate with fewer days than this left (from the certfunctions.certificate.expires_in gauge).')
@minValue(1)
@maxValue(60)
param expiryAlertDays int = 14

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

// "Certificate expires in less than N days": the latest expires_in gauge per certificate (OpenTelemetry metrics land in
// customMetrics with their tags as customDimensions). Checked hourly over the last 13 hours, so a certificate the twice
// daily scan reported is always in the window.
resource expiryAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${appInsightsName}-certificate-expiry'
  location: location
  tags: tags
  properties: {
    displayName: 'CertFunctions: certificate expires in less than ${expiryAlertDays} days'
    description: 'A certificate CertFunctions manages expires in less than ${expiryAlertDays} days: renewal has not replaced it. See docs/operations.md.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT13H'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "certfunctions.certificate.expires_in" | extend cluster = tostring(customDimensions["certfunctions.cluster"]), namespace = tostring(customDimensions["certfunctions.namespace"]), kind = tostring(customDimensions["certfunctions.kind"]), object = tostring(customDimensions["certfunctions.name"]), secret = tostring(customDimensions["certfunctions.secret"]) | summarize arg_max(timestamp, value) by cluster, namespace, kind, object, secret | where value < ${expiryAlertDays * 86400}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'namespace'
              operator: 'Include'
              values: [
                '*'
              ]
            }
            {
              name: 'object'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertActionGroupId)
        ? []
        : [
            alertActionGroupId
          ]
    }
  }
}

// "A notification was not delivered": a webhook refused an event (4xx) or stayed unreachable past the retries. The
// event is kept (GET api/notifications/undelivered) until someone redelivers it, so the alert names the webhook.
resource undeliveredAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${appInsightsName}-notification-undelivered'
  location: location
  tags: tags
  properties: {
    displayName: 'CertFunctions: a notification was not delivered'
    description: 'A webhook refused a notification or stayed unreachable after every retry; it is kept for a redelivery. See docs/operations.md, "Undelivered notifications".'
    severity: 3
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "certfunctions.notification.deliveries" | extend result = tostring(customDimensions["certfunctions.result"]), webhook = tostring(customDimensions["certfunctions.webhook"]) | where result != "delivered" | summarize undelivered = sum(value) by webhook | where undelivered > 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'webhook'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertActionGroupId)
        ? []
        : [
            alertActionGroupId
          ]
    }
  }
}

@description('Application Insights connection string (not a secret here: local auth is disabled, telemetry needs an Entra token).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString

@description('Resource id of the Log Analytics workspace (diagnostic settings of the other resources).')
output workspaceId string = workspace.id

@description('Resource id of the Application Insights component.')
output appInsightsId string = appInsights.id
