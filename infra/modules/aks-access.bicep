// Access for the app's managed identity to one AKS cluster with Microsoft Entra ID
// authentication. Deployed into the cluster's resource group (which may differ from the app's).
//
// authorization:
//   AzureRbac      - the cluster uses Azure RBAC for Kubernetes authorization. A custom role with
//                    exactly the Kubernetes data actions the app uses is defined (assignable in
//                    this resource group) and assigned on the cluster.
//   KubernetesRbac - the cluster uses Kubernetes RBAC: nothing is assigned in Azure for the API;
//                    apply infra/k8s/rbac.yaml and bind the identity's object id with
//                    infra/k8s/managed-identity-binding.sh instead.
// grantClusterUserRole adds "Azure Kubernetes Service Cluster User Role" (listClusterUserCredential).
// The app does not need it (it is given the API server and CA in its settings); it is there for
// tooling that fetches a kubeconfig with the identity.

@description('Name of the existing AKS cluster in this resource group.')
param clusterName string

@description('How Kubernetes authorizes the identity: AzureRbac (custom Azure role assigned here) or KubernetesRbac (apply infra/k8s/rbac.yaml and bind with infra/k8s/managed-identity-binding.sh).')
@allowed([
  'AzureRbac'
  'KubernetesRbac'
])
param authorization string

@description('Also assign "Azure Kubernetes Service Cluster User Role" on the cluster.')
param grantClusterUserRole bool

@description('Principal (object) id of the app\'s managed identity.')
param principalId string

@description('Stable key of that principal for role assignment names (the identity resource id), known before deployment so What-If can predict the names.')
param principalKey string

var clusterUserRole = '4abbcc35-e782-43d8-92c5-2d3f1bd2253f'

// Kubernetes verbs map to Azure data actions: read = get/list/watch, write = create/update/patch,
// delete = delete. This is what the app does, cluster-wide (discovery lists Ingresses in every
// namespace): Ingresses read/patch (and create/delete its own solver Ingresses), Secrets
// get/list/create/patch (no delete), Services get/create/patch (its own ExternalName responder;
// never deleted), core Events get/create/patch (a repeated Event is read, then its count bumped),
// Gateways get, its own solver HTTPRoutes get/list/create/delete, ReferenceGrants list.
// It is the ClusterRole of infra/k8s/rbac.yaml in Azure's terms; PermissionsEndToEndTests compares
// both with the requests the app makes.
var dataActions = [
  'Microsoft.ContainerService/managedClusters/networking.k8s.io/ingresses/read'
  'Microsoft.ContainerService/managedClusters/networking.k8s.io/ingresses/write'
  'Microsoft.ContainerService/managedClusters/networking.k8s.io/ingresses/delete'
  'Microsoft.ContainerService/managedClusters/secrets/read'
  'Microsoft.ContainerService/managedClusters/secrets/write'
  'Microsoft.ContainerService/managedClusters/services/read'
  'Microsoft.ContainerService/managedClusters/services/write'
  'Microsoft.ContainerService/managedClusters/events/read'
  'Microsoft.ContainerService/managedClusters/events/write'
  'Microsoft.ContainerService/managedClusters/gateway.networking.k8s.io/gateways/read'
  'Microsoft.ContainerService/managedClusters/gateway.networking.k8s.io/httproutes/read'
  'Microsoft.ContainerService/managedClusters/gateway.networking.k8s.io/httproutes/write'
  'Microsoft.ContainerService/managedClusters/gateway.networking.k8s.io/httproutes/delete'
  'Microsoft.ContainerService/managedClusters/gateway.networking.k8s.io/referencegrants/read'
]

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: clusterName
}

resource certificatesRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (authorization == 'AzureRbac') {
  name: guid(cluster.id, 'certfunctions-kubernetes-certificates')
  properties: {
    roleName: 'CertFunctions certificates on ${clusterName} (${uniqueString(cluster.id)})'
    description: 'Lets CertFunctions manage TLS certificates for Ingresses on AKS cluster ${clusterName}: read and patch Ingresses, create its own solver Ingresses and responder Services, write TLS Secrets, emit Events.'
    type: 'CustomRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: dataActions
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource certificatesAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (authorization == 'AzureRbac') {
  name: guid(cluster.id, principalKey, 'certfunctions-kubernetes-certificates')
  scope: cluster
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    // The subscription-level id of the definition (the symbol's .id would carry this resource group).
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', certificatesRole.name)
  }
}

resource clusterUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantClusterUserRole) {
  name: guid(cluster.id, principalKey, clusterUserRole)
  scope: cluster
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', clusterUserRole)
  }
}
