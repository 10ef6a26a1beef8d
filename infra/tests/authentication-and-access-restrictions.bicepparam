// expect-success
// expect-text: /config/authsettingsV2"
// expect-text: "unauthenticatedClientAction": "Return401"
// expect-text: "/.well-known/acme-challenge/*"
// expect-text: "/api/health"
// expect-text: "api://11111111-2222-3333-4444-555555555555"
// expect-text: "allowedApplications": [
// expect-text: "ipSecurityRestrictionsDefaultAction": "Deny"
// expect-text: "ipAddress": "203.0.113.0/24"
// The two options that are off by default: Microsoft Entra ID in front of the API (the ACME
// responder and the health probe stay anonymous) and inbound access restrictions.
using '../main.bicep'

param appServiceAuthentication = {
  clientId: '11111111-2222-3333-4444-555555555555'
  allowedClientApplications: [
    '66666666-7777-8888-9999-000000000000'
  ]
}

param allowedInboundAddresses = [
  '203.0.113.0/24'
  '198.51.100.7/32'
]
