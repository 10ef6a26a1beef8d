// expect-failure
// expect-text: additionalAppSettings may not set AzureWebJobsStorage
// A storage connection string would replace the identity-based connection the template sets up.
using '../main.bicep'

param additionalAppSettings = {
  AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=other'
}
