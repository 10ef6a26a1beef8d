// expect-success
// expect-text: 'Renewal__MaxConcurrency', '2'
// Settings that are not the identity's, storage's or Key Vault's may still be added or overridden
// (offline the settings stay an expression, hence the text form of the override).
using '../main.bicep'

param clusters = [
  {
    name: 'edge'
    authentication: 'Kubeconfig'
  }
]

param additionalAppSettings = {
  Renewal__MaxConcurrency: '2'
  Kubernetes__Clusters__edge__Namespaces: 'web'
}
