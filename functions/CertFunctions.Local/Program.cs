using CertFunctions.Local.Hosting;

// The local host: Core's workflow on the Durable Task engine over Azure Storage (Azurite), Kestrel for the routes.
var app = LocalHostBuilder.Create(args).Build();
app.MapCertFunctions();
app.Run();
