// expect-failure
// expect-text: additionalAppSettings may not set kubernetes__clusters__edge__kubeconfig
// The Key Vault reference of a cluster's kubeconfig may not be replaced (App Service compares
// setting names without case, and so does the check).
using '../main.bicep'

param clusters = [
  {
    name: 'edge'
    authentication: 'Kubeconfig'
  }
]

param additionalAppSettings = {
  kubernetes__clusters__edge__kubeconfig: 'apiVersion: v1'
}
