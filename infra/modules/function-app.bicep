// Flex Consumption plan and the Function App (dotnet-isolated, Linux). The app runs as a
// user-assigned managed identity, which also pulls the deployment package from blob storage and
// resolves Key Vault references. App settings are written separately (app-settings.bicep) because
// one of them is this app's own default host name.
//
// Hardened by default: HTTPS only, TLS 1.2 at least (site and SCM), FTP off and basic (user name
// and password) publishing credentials off for FTP and SCM, so publishing needs Microsoft Entra ID.
// Optional: App Service authentication (Microsoft Entra ID) in front of everything except the
// ACME responder and the health probe, and inbound access restrictions.

@description('Azure region of the plan and the app.')
param location string

@description('Function App name (also the first label of its default host name).')
param functionAppName string

@description('Flex Consumption plan name.')
param planName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Blob URL of the container that holds the deployment package.')
param deploymentContainerUrl string

@description('Worker runtime version of dotnet-isolated.')
param runtimeVersion string

@description('Upper bound for scale-out instances.')
param maximumInstanceCount int

@description('Memory of each instance in MB.')
param instanceMemoryMB int

@description('Tags applied to every resource.')
param tags object

@export()
@description('App Service authentication with Microsoft Entra ID (an app registration that represents this API).')
type authConfig = {
  @description('Application (client) id of the app registration that represents the API.')
  clientId: string
  @description('Tenant of the app registration. Default: the deployment\'s tenant.')
  tenantId: string?
  @description('Issuer URL. Default: https://login.microsoftonline.com/<tenantId>/v2.0 (set accessTokenAcceptedVersion 2 in the app registration\'s manifest, or give https://sts.windows.net/<tenantId>/ for v1 tokens).')
  openIdIssuer: string?
  @description('Token audiences accepted. Default: api://<clientId>.')
  allowedAudiences: string[]?
  @description('Client ids of the applications allowed to call (appid/azp claim). Default: any application of the tenant that can get a token for the API.')
  allowedClientApplications: string[]?
  @description('Object ids of the users, groups or service principals allowed to call (oid claim). Default: any.')
  allowedPrincipals: string[]?
}

@description('App Service authentication with Microsoft Entra ID; null: off.')
param authentication authConfig?

@description('Inbound addresses (CIDR, e.g. 203.0.113.0/24) allowed to reach the app; empty: no restriction. Does not apply to the SCM (publishing) site.')
param allowedInboundAddresses string[]

// A list left out means no restriction of that kind (an empty list would be sent as one).
var authorizationPolicy = union(
  empty(authentication.?allowedClientApplications ?? [])
    ? {}
    : { allowedApplications: authentication.?allowedClientApplications },
  empty(authentication.?allowedPrincipals ?? [])
    ? {}
    : { allowedPrincipals: { identities: authentication.?allowedPrincipals } }
)

// Paths that stay anonymous when authentication is on: the CA (through the cluster's ingress
// controller) fetches challenge tokens, and probes check health, without a Microsoft Entra token.
var anonymousPaths = [
  '/.well-known/acme-challenge/*'
  '/api/health'
]

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      ipSecurityRestrictionsDefaultAction: empty(allowedInboundAddresses) ? 'Allow' : 'Deny'
      ipSecurityRestrictions: [
        for (address, i) in allowedInboundAddresses: {
          name: 'allowed-${i}'
          ipAddress: address
          action: 'Allow'
          priority: 100 + i
        }
      ]
      // Publishing (SCM) is not restricted by address: with basic credentials off it needs Entra ID.
      scmIpSecurityRestrictionsUseMain: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

// No user name/password publishing: FTP and the SCM (zip deploy) endpoint accept Entra ID only.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// API-style authentication: callers send a bearer token (no sign-in page, no token store). The
// function key is still required on top for the /api/certificates routes.
resource auth 'Microsoft.Web/sites/config@2024-11-01' = if (authentication != null) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: anonymousPaths
    }
    httpSettings: {
      requireHttps: true
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authentication.?clientId
          openIdIssuer: authentication.?openIdIssuer ?? '${environment().authentication.loginEndpoint}${authentication.?tenantId ?? tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: authentication.?allowedAudiences ?? [
            'api://${authentication.?clientId}'
          ]
          defaultAuthorizationPolicy: authorizationPolicy
        }
      }
    }
  }
}

@description('Function App name.')
output name string = site.name

@description('Default host name of the app, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
