// CertFunctions on Azure: a Function App on the Flex Consumption plan (dotnet-isolated, .NET 10)
// with Durable Functions, running as one user-assigned managed identity, with
//   - one storage account (Functions host, Durable task hub, deployment package, our containers),
//     shared-key access disabled, identity-based connections only;
//   - Application Insights (local auth disabled) on a Log Analytics workspace;
//   - a Key Vault (RBAC) for the kubeconfig and ACME EAB secrets, used through Key Vault references;
//   - optionally, access to AKS clusters for Microsoft Entra ID authentication.
// The identity's role assignments, all scoped to the one resource that needs them:
//   storage account:  Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor
//   key vault:        Key Vault Secrets User
//   app insights:     Monitoring Metrics Publisher
//   each AKS cluster: a custom role with the Kubernetes data actions the app uses (AzureRbac
//                     clusters only), "Azure Kubernetes Service Cluster User Role" only if asked.
// No app setting holds a secret: storage and telemetry use the identity, secrets are Key Vault
// references. See docs/deploy.md.

targetScope = 'resourceGroup'

import { authConfig } from 'modules/function-app.bicep'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Azure region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names (letters, digits, hyphens; no leading, trailing or double hyphen).')
@minLength(2)
@maxLength(10)
param baseName string = 'certfn'

@description('Function App name; globally unique, it becomes <name>.azurewebsites.net (or a generated unique host). Default: <baseName>-<hash of the resource group>.')
@minLength(2)
@maxLength(60)
param functionAppName string = '${baseName}-${uniqueString(resourceGroup().id)}'

@description('Tags applied to every resource.')
param tags object = {}

@description('.NET version of the dotnet-isolated worker runtime.')
@allowed([
  '10.0'
])
param dotnetVersion string = '10.0'

@description('Flex Consumption: maximum number of instances the app scales out to. Each instance runs up to 8 activities at once (maxConcurrentActivityFunctions in host.json), so the default 4 allows at most 32 ACME and Kubernetes activities in flight (320 with 40): a backlog, after an outage or when many Ingresses opt in at once, reaches the CA at a pace it accepts (Let\'s Encrypt limits requests per second per IP address and new orders per account). The renewal scan starts at most renewalMaxConcurrency issuances anyway; raise this only if API requests wait.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 4

@description('Flex Consumption: memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Resource id of an action group the "certificate expires soon" and "notification was not delivered" alerts notify (empty: they show in the portal only).')
param alertActionGroupId string = ''

@description('The expiry alert fires for a certificate with fewer days than this left.')
@minValue(1)
@maxValue(60)
param expiryAlertDays int = 14

@description('Turn on Key Vault purge protection. Irreversible: a deleted vault name stays reserved for 90 days. Recommended for production.')
param keyVaultEnablePurgeProtection bool = true

@description('Optional object id of a user, group or service principal that stores the secrets (kubeconfigs, EAB key); it gets Key Vault Secrets Officer on the vault. For yourself: az ad signed-in-user show --query id -o tsv. Empty: no assignment.')
param vaultWriterPrincipalId string = ''

@description('Principal type of vaultWriterPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param vaultWriterPrincipalType string = 'User'

@description('The ACME issuer named "default" (Acme:Issuers:default:*), used by objects without the certfunctions.io/issuer annotation unless acmeDefaultIssuer names another; see the acmeConfig type. Default: Let\'s Encrypt STAGING.')
param acme acmeConfig = {
  directoryUrl: 'https://acme-staging-v02.api.letsencrypt.org/directory'
}

@description('More named ACME issuers (Acme:Issuers:<name>:*), chosen per object with the annotation certfunctions.io/issuer: <name>; e.g. Let\'s Encrypt production beside staging, or a CA that needs external account binding.')
param acmeIssuers acmeIssuer[] = []

@description('Webhooks that receive notifications (Notifications:Webhooks:<name>:*). Each URL is read from the Key Vault secret named in the output notificationWebhookUrlSecretNames (for Slack and Teams the URL is the credential); store it there after the deployment.')
param notificationWebhooks notificationWebhook[] = []

@description('The issuer of objects without certfunctions.io/issuer (Acme:DefaultIssuer). Empty: the issuer named "default" (the acme parameter).')
param acmeDefaultIssuer string = ''

@description('How the ACME HTTP-01 challenge path reaches the Function App. SolverIngress: a separate Ingress per order with controller annotations, to the ExternalName Service (needed for the Function App, whose front end routes by Host header). InPlace: paths added to the user\'s Ingress, only for a responder that answers any Host header. See infra/README.md.')
@allowed([
  'SolverIngress'
  'InPlace'
])
param challengeRouting string = 'SolverIngress'

@description('Controller annotations on solver Ingresses (Challenge:SolverPreset). IngressNginx: upstream-vhost + backend-protocol (ingress-nginx, AKS application routing). AzureApplicationGateway: backend-hostname + backend-protocol (AGIC). Plain: none (only for a responder that answers any Host header). An Ingress can override it with the annotation certfunctions.io/solver-preset.')
@allowed([
  'IngressNginx'
  'AzureApplicationGateway'
  'Plain'
])
param challengeSolverPreset string = 'IngressNginx'

@description('IngressClass of solver Ingresses (Challenge:SolverIngressClassName). Empty: the class of the user\'s Ingress.')
param challengeSolverIngressClassName string = ''

@description('Port of the responder Service (Challenge:ResponderServicePort). 443: the controller talks HTTPS to the Function App (httpsOnly); 80: plain HTTP, which the app answers with a redirect to HTTPS that the CA follows.')
@allowed([
  443
  80
])
param challengeResponderServicePort int = 443

@description('pathType of the challenge paths. ImplementationSpecific works everywhere; Exact is rejected by ingress-nginx strict path validation because the path contains a dot.')
@allowed([
  'ImplementationSpecific'
  'Prefix'
  'Exact'
])
param challengePathType string = 'ImplementationSpecific'

@description('NCRONTAB schedule (UTC, six fields with seconds) of the renewal scan. Keep it at least twice a day.')
param renewalSchedule string = '0 17 5,17 * * *'

@description('NCRONTAB schedule (UTC, six fields with seconds) of the discovery trigger (metadata lists only; issue 18).')
param discoverySchedule string = '0 */5 * * * *'

@description('Most issuances the renewal scan starts at once (Renewal:MaxConcurrency).')
@minValue(1)
@maxValue(256)
param renewalMaxConcurrency int = 8

@description('Blob container for published HTTP-01 challenge tokens.')
@minLength(3)
@maxLength(63)
param challengeContainerName string = 'acme-challenges'

@description('Blob container for the ACME account key and per-certificate state.')
@minLength(3)
@maxLength(63)
param stateContainerName string = 'certfunctions-state'

@description('Kubernetes clusters the app manages; see the clusterConfig type. Empty: configure clusters later with additionalAppSettings or the portal.')
param clusters clusterConfig[] = []

@description('Cluster used when a request names none. Empty: the first entry of clusters.')
param defaultCluster string = ''

@description('Extra app settings (name -> value) merged last; they override the generated ones, except the identity, storage and Key Vault settings (protectedAppSettingNames): a deployment that tries fails. Never put secrets here: use a Key Vault reference.')
param additionalAppSettings object = {}

@description('App Service authentication with Microsoft Entra ID in front of the API (every path except /.well-known/acme-challenge/* and /api/health); see the authConfig type in modules/function-app.bicep. Default: off (the function keys alone protect the API).')
param appServiceAuthentication authConfig?

@description('Inbound addresses (CIDR) allowed to reach the Function App; empty (default): any. With access restrictions, allow the outbound addresses of every cluster\'s ingress controller (the CA reaches the responder through it) and of whoever calls the API. See infra/README.md.')
param allowedInboundAddresses string[] = []

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

@description('The default ACME issuer (app settings Acme:Issuers:default:*) and the certificate key type of every issuer (Acme:CertificateKeyType). Optional fields left out use the app\'s defaults.')
type acmeConfig = {
  @description('ACME directory URL (Acme:Issuers:default:DirectoryUrl). Let\'s Encrypt staging: https://acme-staging-v02.api.letsencrypt.org/directory (untrusted certificates, generous limits). Production: https://acme-v02.api.letsencrypt.org/directory')
  directoryUrl: string

  @description('Contact e-mail of the ACME account (Acme:Issuers:default:Email), for expiry and policy notices.')
  email: string?

  @description('Algorithm of the ACME account key, used when the account is created (Acme:Issuers:default:AccountKeyType). App default: ES256.')
  accountKeyType: ('ES256' | 'ES384' | 'RS256')?

  @description('Key type of issued certificates (Acme:CertificateKeyType); an Ingress may override it with the annotation certfunctions.io/key-type. App default: EcdsaP256.')
  certificateKeyType: ('EcdsaP256' | 'EcdsaP384' | 'Rsa2048' | 'Rsa3072' | 'Rsa4096')?

  @description('Certificate profile to request where the CA offers profiles (Acme:Issuers:default:Profile), e.g. Let\'s Encrypt "classic", "tlsserver", "shortlived".')
  profile: string?

  @description('Issuer common name of the chain to download when the CA offers alternates (Acme:Issuers:default:PreferredChain).')
  preferredChain: string?

  @description('External Account Binding key id (Acme:Issuers:default:EabKeyId), for CAs that require EAB (not Let\'s Encrypt). When set, Acme:Issuers:default:EabHmacKey becomes a Key Vault reference to the secret named by the output eabHmacKeySecretName.')
  eabKeyId: string?

  @description('Comma-separated namespaces whose objects may use this issuer (Acme:Issuers:default:AllowedNamespaces). Empty: all.')
  allowedNamespaces: string?
}

@description('A named ACME issuer (app settings Acme:Issuers:<name>:*).')
type acmeIssuer = {
  @description('The issuer\'s name, as objects give it in certfunctions.io/issuer: lowercase letters, digits and hyphens. "default" is the acme parameter.')
  @minLength(1)
  @maxLength(40)
  name: string

  @description('ACME directory URL, https.')
  directoryUrl: string

  @description('Contact e-mail of this issuer\'s account.')
  email: string?

  @description('Algorithm of the account key (ES256 | ES384 | RS256). App default: ES256.')
  accountKeyType: ('ES256' | 'ES384' | 'RS256')?

  @description('Certificate profile at this CA.')
  profile: string?

  @description('Preferred chain at this CA (issuer common name).')
  preferredChain: string?

  @description('External Account Binding key id. When set, the HMAC key is a Key Vault reference to the secret named in the output issuerEabHmacKeySecretNames.')
  eabKeyId: string?

  @description('Comma-separated namespaces whose objects may use this issuer. Empty: all.')
  allowedNamespaces: string?
}

@description('A notification webhook; its URL is a Key Vault reference (see the output notificationWebhookUrlSecretNames).')
type notificationWebhook = {
  @description('Webhook name in the app\'s settings (Notifications:Webhooks:<name>) and in logs. Letters, digits and underscores.')
  @minLength(1)
  @maxLength(40)
  name: string

  @description('Body format. App default: CloudEvents.')
  format: ('CloudEvents' | 'Slack' | 'Teams')?

  @description('Comma-separated events: issued, renewed, failed, expiring, cleanupFailed. Empty: all.')
  events: string?
}

@description('A cluster the app reaches with a kubeconfig stored in Key Vault (Kubernetes:Clusters:<name>:Kubeconfig).')
type kubeconfigCluster = {
  @description('Cluster name in the app\'s settings (Kubernetes:Clusters:<name>) and in requests ({"cluster": "<name>"}). Letters, digits and underscores (it is part of app setting names).')
  @minLength(1)
  @maxLength(40)
  name: string

  @description('Kubeconfig: the kubeconfig file (YAML) is read from the Key Vault secret named by the output kubeconfigSecretNames.')
  authentication: 'Kubeconfig'
}

@description('An AKS cluster the app reaches with its managed identity (Microsoft Entra ID).')
type azureAdCluster = {
  @description('Cluster name in the app\'s settings (Kubernetes:Clusters:<name>) and in requests ({"cluster": "<name>"}). Letters, digits and underscores (it is part of app setting names).')
  @minLength(1)
  @maxLength(40)
  name: string

  @description('AzureAd: the app gets a Microsoft Entra token for the AKS API with its managed identity.')
  authentication: 'AzureAd'

  @description('API server URL (Kubernetes:Clusters:<name>:Server): https://<az aks show --query fqdn>:443 (privateFqdn for a private cluster, which also needs network access).')
  server: string

  @description('Base64 PEM of the cluster CA (Kubernetes:Clusters:<name>:CertificateAuthorityData), the certificate-authority-data of the cluster\'s kubeconfig. Public data, not a secret.')
  certificateAuthorityData: string

  @description('Resource id of the AKS cluster. When set, aks-access.bicep assigns the identity\'s roles on it (the deployer needs Owner or User Access Administrator on its resource group). Leave out to assign access yourself.')
  aksResourceId: string?

  @description('How the cluster authorizes the identity. AzureRbac (default): Azure RBAC for Kubernetes authorization; a custom role with exactly the data actions the app uses is assigned on the cluster. KubernetesRbac: nothing is assigned in Azure for the API; apply infra/k8s/rbac.yaml and bind the identity\'s object id (output identityPrincipalId) with infra/k8s/managed-identity-binding.sh.')
  aksAuthorization: ('AzureRbac' | 'KubernetesRbac')?

  @description('Also assign "Azure Kubernetes Service Cluster User Role" (listClusterUserCredential). The app does not need it: it is given the server and CA. Default false.')
  grantClusterUserRole: bool?
}

@description('One Kubernetes cluster, by authentication.')
@discriminator('authentication')
type clusterConfig = kubeconfigCluster | azureAdCluster

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, baseName)
var compactBase = toLower(replace(baseName, '-', ''))
var names = {
  identity: 'id-${baseName}-${suffix}'
  storage: take('st${compactBase}${suffix}', 24)
  deploymentContainer: take('app-package-${toLower(take(functionAppName, 32))}-${take(suffix, 7)}', 63)
  keyVault: take('kv-${baseName}-${suffix}', 24)
  workspace: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  plan: 'plan-${baseName}-${suffix}'
}

// Key Vault secret names (letters, digits, hyphens).
var eabHmacKeySecretName = 'acme-eab-hmac-key'

@description('Key Vault secret holding the EAB HMAC key of a named issuer.')
func issuerEabHmacKeySecretName(issuerName string) string => 'acme-eab-hmac-key-${toLower(issuerName)}'

@description('Key Vault secret holding the URL of a notification webhook.')
func notificationWebhookUrlSecretName(webhookName string) string =>
  'notification-webhook-url-${toLower(replace(webhookName, '_', '-'))}'

@description('Key Vault secret holding the kubeconfig of a Kubeconfig cluster.')
func kubeconfigSecretName(clusterName string) string => 'kubeconfig-${toLower(replace(clusterName, '_', '-'))}'

var kubeconfigSecretNames = toObject(
  filter(clusters, c => c.authentication == 'Kubeconfig'),
  c => c.name,
  c => kubeconfigSecretName(c.name)
)

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'certfn-storage'
  params: {
    location: location
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    appContainerNames: [
      challengeContainerName
      stateContainerName
    ]
    // PendingKeyStore.Prefix in the state container.
    pendingKeyPrefixes: [
      '${stateContainerName}/pending-keys/'
    ]
    dataPrincipalId: identity.properties.principalId
    dataPrincipalKey: identity.id
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'certfn-monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    alertActionGroupId: alertActionGroupId
    expiryAlertDays: expiryAlertDays
    publisherPrincipalId: identity.properties.principalId
    publisherPrincipalKey: identity.id
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'certfn-keyvault'
  params: {
    location: location
    keyVaultName: names.keyVault
    enablePurgeProtection: keyVaultEnablePurgeProtection
    readerPrincipalId: identity.properties.principalId
    readerPrincipalKey: identity.id
    vaultWriterPrincipalId: vaultWriterPrincipalId
    vaultWriterPrincipalType: vaultWriterPrincipalType
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'certfn-functionapp'
  params: {
    location: location
    functionAppName: functionAppName
    planName: names.plan
    identityId: identity.id
    // Referencing the storage module also orders the app after the identity's storage roles,
    // which the platform needs to read the deployment container.
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    runtimeVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    authentication: appServiceAuthentication
    allowedInboundAddresses: allowedInboundAddresses
    tags: tags
  }
}

// AKS clusters with Entra ID authentication and a resource id: role assignments in the cluster's
// resource group (any subscription of the tenant).
var aksClusters = filter(clusters, c => c.authentication == 'AzureAd' && !empty(c.?aksResourceId ?? ''))

module aksAccess 'modules/aks-access.bicep' = [
  for c in aksClusters: {
    name: take('certfn-aks-${c.name}-${uniqueString(c.aksResourceId!)}', 64)
    scope: resourceGroup(split(c.aksResourceId!, '/')[2], split(c.aksResourceId!, '/')[4])
    params: {
      clusterName: last(split(c.aksResourceId!, '/'))
      authorization: c.?aksAuthorization ?? 'AzureRbac'
      grantClusterUserRole: c.?grantClusterUserRole ?? false
      principalId: identity.properties.principalId
      principalKey: identity.id
    }
  }
]

// =============================================================================================
// APP SETTINGS -- every setting the app binds, in one place.
// Configuration keys use ':' in the code and '__' in app settings (Acme:Email -> Acme__Email).
// A setting whose value is '' is left out, so the app's own default applies.
// Secrets never appear here in plain text: they are Key Vault references resolved by the
// platform with the managed identity (keyVaultReferenceIdentity).
// =============================================================================================

var kvRefPrefix = '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName='

var hostSettings = {
  // Functions host and Durable Functions (task hub in the same account), identity-based.
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  // Telemetry with Entra ID (local auth is disabled on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  // (Flex Consumption sets the worker runtime and version from functionAppConfig: no
  // FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION / WEBSITE_RUN_FROM_PACKAGE here.)
}

var appSettingsBase = {
  // Our blob containers (same connection as the host).
  Storage__ConnectionName: 'AzureWebJobsStorage'
  Storage__ChallengeContainer: challengeContainerName
  Storage__StateContainer: stateContainerName

  // ACME: named issuers only (the app refuses a mix with the older Acme:DirectoryUrl-style settings). The issuer
  // named "default" keeps the account the older settings created.
  Acme__DefaultIssuer: acmeDefaultIssuer
  Acme__CertificateKeyType: acme.?certificateKeyType ?? ''
  Acme__Issuers__default__DirectoryUrl: acme.directoryUrl
  Acme__Issuers__default__Email: acme.?email ?? ''
  Acme__Issuers__default__AccountKeyType: acme.?accountKeyType ?? ''
  Acme__Issuers__default__Profile: acme.?profile ?? ''
  Acme__Issuers__default__PreferredChain: acme.?preferredChain ?? ''
  Acme__Issuers__default__EabKeyId: acme.?eabKeyId ?? ''
  Acme__Issuers__default__EabHmacKey: empty(acme.?eabKeyId ?? '') ? '' : '${kvRefPrefix}${eabHmacKeySecretName})'
  Acme__Issuers__default__AllowedNamespaces: acme.?allowedNamespaces ?? ''

  // Kubernetes (per-cluster settings are generated below).
  Kubernetes__DefaultCluster: empty(defaultCluster) ? (empty(clusters) ? '' : clusters[0].name) : defaultCluster

  // Challenge routing.
  Challenge__Routing: challengeRouting
  Challenge__ResponderExternalName: functionApp.outputs.defaultHostName
  Challenge__ResponderServicePort: string(challengeResponderServicePort)
  Challenge__SolverPreset: challengeSolverPreset
  Challenge__SolverIngressClassName: challengeSolverIngressClassName
  Challenge__PathType: challengePathType

  // Renewal.
  RenewalSchedule: renewalSchedule
  DiscoverySchedule: discoverySchedule
  Renewal__MaxConcurrency: string(renewalMaxConcurrency)
}

// Kubernetes:Clusters:<name>:{Authentication, Kubeconfig | Server, CertificateAuthorityData, ManagedIdentityClientId}
var clusterSettings = reduce(
  clusters,
  {},
  (acc, c) =>
    union(acc, {
      'Kubernetes__Clusters__${c.name}__Authentication': c.authentication
      'Kubernetes__Clusters__${c.name}__Kubeconfig': c.authentication == 'Kubeconfig'
        ? '${kvRefPrefix}${kubeconfigSecretName(c.name)})'
        : ''
      'Kubernetes__Clusters__${c.name}__Server': c.authentication == 'AzureAd' ? (c.?server ?? '') : ''
      'Kubernetes__Clusters__${c.name}__CertificateAuthorityData': c.authentication == 'AzureAd'
        ? (c.?certificateAuthorityData ?? '')
        : ''
      'Kubernetes__Clusters__${c.name}__ManagedIdentityClientId': c.authentication == 'AzureAd'
        ? identity.properties.clientId
        : ''
    })
)

// Acme:Issuers:<name>:* for the issuers beside "default".
var issuerSettings = reduce(
  acmeIssuers,
  {},
  (acc, i) =>
    union(acc, {
      'Acme__Issuers__${i.name}__DirectoryUrl': i.directoryUrl
      'Acme__Issuers__${i.name}__Email': i.?email ?? ''
      'Acme__Issuers__${i.name}__AccountKeyType': i.?accountKeyType ?? ''
      'Acme__Issuers__${i.name}__Profile': i.?profile ?? ''
      'Acme__Issuers__${i.name}__PreferredChain': i.?preferredChain ?? ''
      'Acme__Issuers__${i.name}__EabKeyId': i.?eabKeyId ?? ''
      'Acme__Issuers__${i.name}__EabHmacKey': empty(i.?eabKeyId ?? '')
        ? ''
        : '${kvRefPrefix}${issuerEabHmacKeySecretName(i.name)})'
      'Acme__Issuers__${i.name}__AllowedNamespaces': i.?allowedNamespaces ?? ''
    })
)

// Notifications:Webhooks:<name>:*; the URL always from Key Vault.
var notificationSettings = reduce(
  notificationWebhooks,
  {},
  (acc, w) =>
    union(acc, {
      'Notifications__Webhooks__${w.name}__Url': '${kvRefPrefix}${notificationWebhookUrlSecretName(w.name)})'
      'Notifications__Webhooks__${w.name}__Format': w.?format ?? ''
      'Notifications__Webhooks__${w.name}__Events': w.?events ?? ''
    })
)

var generatedAppSettings = union(appSettingsBase, clusterSettings, issuerSettings, notificationSettings)

// Settings additionalAppSettings may not override: how the app authenticates (its identity), where
// its state lives (storage) and where its secrets come from (Key Vault references). Compared
// without case, as App Service does. Any AzureWebJobsStorage* setting counts: a connection string
// there would replace the identity-based connection.
var protectedAppSettingNames = map(
  concat(
    objectKeys(hostSettings),
    [
      'AzureWebJobsStorage'
      'Storage__ConnectionName'
      'Storage__ChallengeContainer'
      'Storage__StateContainer'
      'Acme__Issuers__default__EabHmacKey'
    ],
    map(acmeIssuers, i => 'Acme__Issuers__${i.name}__EabHmacKey'),
    map(notificationWebhooks, w => 'Notifications__Webhooks__${w.name}__Url'),
    flatten(map(
      clusters,
      c =>
        map(
          ['Authentication', 'Kubeconfig', 'KubeconfigPath', 'ManagedIdentityClientId'],
          n => 'Kubernetes__Clusters__${c.name}__${n}'
        )
    ))
  ),
  n => toLower(n)
)
var overriddenProtectedSettings = filter(
  objectKeys(additionalAppSettings),
  k => contains(protectedAppSettingNames, toLower(k)) || startsWith(toLower(k), 'azurewebjobsstorage')
)
var appSettings = empty(overriddenProtectedSettings)
  ? union(
      hostSettings,
      toObject(filter(items(generatedAppSettings), s => !empty(s.value)), s => s.key, s => s.value),
      additionalAppSettings
    )
  : fail('additionalAppSettings may not set ${join(overriddenProtectedSettings, ', ')}: the template sets the identity, storage and Key Vault settings itself (infra/README.md, App settings)')

// =============================================================================================

module settings 'modules/app-settings.bicep' = {
  name: 'certfn-appsettings'
  params: {
    // The app's name, not functionApp.outputs.name, keeps What-If precise; appSettings already
    // orders this after the app (it uses the app's host name).
    functionAppName: functionAppName
    appSettings: appSettings
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (no secrets)
// ---------------------------------------------------------------------------------------------

@description('Function App name: func azure functionapp publish <functionAppName>.')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the Function App; the ExternalName of the responder Service (infra/k8s).')
output functionAppHost string = functionApp.outputs.defaultHostName

@description('Base URL of the app\'s HTTP API.')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Key Vault that holds the secrets referenced by app settings.')
output keyVaultName string = keyVault.outputs.name

@description('Key Vault secret name of each Kubeconfig cluster\'s kubeconfig (cluster name -> secret name).')
output kubeconfigSecretNames object = kubeconfigSecretNames

@description('Key Vault secret name of the ACME EAB HMAC key (used only when acme.eabKeyId is set).')
output eabHmacKeySecretName string = eabHmacKeySecretName

@description('Key Vault secret name of each notification webhook\'s URL, by webhook name.')
output notificationWebhookUrlSecretNames object = toObject(
  notificationWebhooks,
  w => w.name,
  w => notificationWebhookUrlSecretName(w.name)
)

@description('Key Vault secret names for the EAB HMAC keys of the named issuers that use EAB, by issuer name.')
output issuerEabHmacKeySecretNames object = toObject(
  filter(acmeIssuers, i => !empty(i.?eabKeyId ?? '')),
  i => i.name,
  i => issuerEabHmacKeySecretName(i.name)
)

@description('Object (principal) id of the app\'s managed identity: the subject to bind with infra/k8s/managed-identity-binding.sh for AKS clusters with Kubernetes RBAC.')
output identityPrincipalId string = identity.properties.principalId

@description('Client id of the app\'s managed identity.')
output identityClientId string = identity.properties.clientId

@description('Storage account of the host, Durable Functions and the app\'s containers.')
output storageAccountName string = storage.outputs.name

@description('Application settings names written to the app (values omitted).')
output appSettingNames string[] = map(items(appSettings), s => s.key)
