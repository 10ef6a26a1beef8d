// The one storage account behind the Functions host, Durable Functions (task hub queues, tables
// and blobs), the Flex Consumption deployment package and our own blob containers. Shared-key
// access is disabled: every client authenticates with the app's managed identity.

@description('Azure region of the storage account.')
param location string

@description('Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Blob container holding the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Blob containers the app itself uses (challenge tokens, per-certificate state).')
param appContainerNames string[]

@description('Blob name prefixes (container/path/) of pending certificate keys, deleted by a lifecycle rule as a backstop.')
param pendingKeyPrefixes string[]

@description('Days after its last write a pending certificate key is deleted; longer than any issuance holds one (its longest wait is 25 h).')
@minValue(2)
param pendingKeyRetentionDays int = 2

@description('Principal (object) id of the app\'s managed identity.')
param dataPrincipalId string

@description('Stable key of that principal for role assignment names (the identity resource id), known before deployment so What-If can predict the names.')
param dataPrincipalKey string

@description('Tags applied to every resource.')
param tags object

@description('Days a deleted or overwritten blob (and a deleted container) can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 14

@description('Resource id of the Log Analytics workspace that receives the blob service\'s write and delete logs.')
param workspaceId string

// Durable Functions with the Azure Storage provider needs all three; the Functions host needs
// blob (leases, keys, timer state) and queue; the deployment container needs blob read/write.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var dataRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Soft delete and versioning: the state container holds the ACME account key and each
// certificate's state; a mistaken delete or overwrite (by a person or a bug) can be undone for
// deleteRetentionDays. Versioning covers the whole account, so old versions are deleted by the
// lifecycle policy below after the same time (pending certificate keys sooner).
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        // The app removes a pending key when its issuance ends without storing the certificate, and the renewal scan
        // removes those of issuances that ended otherwise; this rule catches whatever neither could (the app stopped for
        // good), with the versions versioning keeps of them.
        {
          name: 'delete-pending-certificate-keys'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: pendingKeyPrefixes
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: pendingKeyRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: pendingKeyRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'delete-old-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: deleteRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// Who wrote or deleted what (StorageRead is left out: the host and Durable read blobs all the time).
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource appContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in appContainerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource dataAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in dataRoles: {
    name: guid(storage.id, dataPrincipalKey, role)
    scope: storage
    properties: {
      principalId: dataPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

@description('Storage account name (for AzureWebJobsStorage__accountName).')
output name string = storage.name

@description('Blob URL of the deployment container (Flex Consumption functionAppConfig.deployment.storage.value).')
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Names of the app containers created.')
output appContainers string[] = [for (name, i) in appContainerNames: appContainers[i].name]
