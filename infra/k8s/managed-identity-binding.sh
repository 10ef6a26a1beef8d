#!/usr/bin/env bash
# Prints rbac-managed-identity.yaml.template filled with the object id of the Function App's
# managed identity, after checking that it is one (a GUID), so a mistyped or empty value fails
# here instead of binding the ClusterRole to a user that does not exist:
#
#   infra/k8s/managed-identity-binding.sh "$(az deployment group show -g "$RG" -n certfunctions \
#     --query properties.outputs.identityPrincipalId.value -o tsv)" | kubectl apply -f -
set -euo pipefail

id="${1:-}"
if [[ ! "$id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "usage: $0 <object id of the app's managed identity (Bicep output identityPrincipalId)>" >&2
  echo "error: '${id}' is not an object id (a GUID)" >&2
  exit 2
fi

template="$(dirname "${BASH_SOURCE[0]}")/rbac-managed-identity.yaml.template"
# Object ids are lowercase in Entra ID and in the names AKS gives Kubernetes; object names must be lowercase.
sed "s/\${CERTFUNCTIONS_PRINCIPAL_ID}/${id,,}/g" "$template"
