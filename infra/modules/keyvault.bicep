// Key Vault for the secrets the app reads through Key Vault references (kubeconfigs, the ACME EAB
// HMAC key). RBAC authorization only: the app's identity gets Key Vault Secrets User (read secret
// values); an optional operator principal gets Key Vault Secrets Officer to store them.

@description('Azure region of the vault.')
param location string

@description('Globally unique vault name (3-24 letters, digits and hyphens, starting with a letter).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Turn on purge protection (cannot be turned off again; a deleted vault then stays reserved for the retention period).')
param enablePurgeProtection bool

@description('Principal (object) id of the app\'s managed identity, granted Key Vault Secrets User.')
param readerPrincipalId string

@description('Stable key of that principal for role assignment names (the identity resource id), known before deployment so What-If can predict the names.')
param readerPrincipalKey string

@description('Optional principal (object) id granted Key Vault Secrets Officer, to create and rotate the secrets. Empty: none.')
param vaultWriterPrincipalId string

@description('Type of vaultWriterPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param vaultWriterPrincipalType string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the Log Analytics workspace that receives the vault\'s audit log.')
param workspaceId string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

// Every read and change of a secret, by whom (AuditEvent).
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalKey, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource vaultWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultWriterPrincipalId)) {
  name: guid(vault.id, vaultWriterPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: vaultWriterPrincipalId
    principalType: vaultWriterPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

@description('Vault name (used in Key Vault references: @Microsoft.KeyVault(VaultName=...;SecretName=...)).')
output name string = vault.name
