// Sample parameters for main.bicep. Copy it (e.g. to prod.bicepparam), edit, then:
//   az deployment group create -g <resource-group> --parameters infra/main.bicepparam
// Nothing here is a secret: kubeconfigs and the EAB HMAC key go into Key Vault (docs/deploy.md).
using 'main.bicep'

param baseName = 'certfn'

// Your object id, so you can store the secrets in the vault:
//   export CERTFUNCTIONS_VAULT_WRITER=$(az ad signed-in-user show --query id -o tsv)
param vaultWriterPrincipalId = readEnvironmentVariable('CERTFUNCTIONS_VAULT_WRITER', '')

param acme = {
  // The issuer named "default": start on staging. Objects move to production one by one with the
  // annotation certfunctions.io/issuer: production (docs/deploy.md, "Move to production").
  directoryUrl: 'https://acme-staging-v02.api.letsencrypt.org/directory'
  email: 'ops@example.com' // replace: Let's Encrypt refuses example.com contacts
}

param acmeIssuers = [
  {
    name: 'production'
    directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory'
    email: 'ops@example.com'
  }
]

// The Function App sits behind a front end that routes by Host header, so the challenge is
// routed through a solver Ingress (infra/k8s/responder-solver-ingress.yaml) whose annotations
// rewrite the Host header: IngressNginx (ingress-nginx, AKS application routing) or
// AzureApplicationGateway (AGIC).
// The on-call Slack channel hears of failures and expiring certificates; its URL goes into the Key Vault
// secret named in the output notificationWebhookUrlSecretNames.
param notificationWebhooks = [
  {
    name: 'oncall'
    format: 'Slack'
    events: 'failed,expiring,cleanupFailed'
  }
]

param challengeRouting = 'SolverIngress'
param challengeSolverPreset = 'IngressNginx'

param clusters = [
  // An AKS cluster with Microsoft Entra ID and Azure RBAC for Kubernetes authorization:
  //   server:                    https://$(az aks show -g <rg> -n <aks> --query fqdn -o tsv):443
  //   certificateAuthorityData:  az aks get-credentials -g <rg> -n <aks> --file - | grep certificate-authority-data
  {
    name: 'prod'
    authentication: 'AzureAd'
    server: 'https://prod-aks-dns-00000000.hcp.westeurope.azmk8s.io:443'
    certificateAuthorityData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=='
    aksResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/prod-aks'
    aksAuthorization: 'AzureRbac'
  }
  // Any other cluster, through a kubeconfig stored in Key Vault as secret "kubeconfig-edge":
  {
    name: 'edge'
    authentication: 'Kubeconfig'
  }
]

param defaultCluster = 'prod'

param renewalSchedule = '0 17 5,17 * * *'
