using System.Diagnostics.Metrics;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Storage;
using CertFunctions.Testing.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Challenges;

[Collection(AzuriteCollection.Name)]
public sealed class ChallengeResponderTests(AzuriteFixture azurite) : IDisposable
{
    private readonly ServiceProvider _services = Services();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly string _container = "challenges-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_published_token_is_served_and_a_deleted_one_is_not()
    {
        var (store, responder, _) = Create(new ResponderOptions { PositiveCacheTtl = TimeSpan.Zero });
        var token = NewToken();
        await store.PublishAsync("owner-1", [new PublishedChallenge(token, token + ".thumb", ["a.example.test"])], default);

        Assert.Equal(token + ".thumb", await responder.FindKeyAuthorizationAsync(token, "a.example.test", default));

        await store.ReleaseAsync("owner-1", [token], default);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await responder.FindKeyAuthorizationAsync(token, "a.example.test", default));
    }

    [Fact]
    public async Task Unknown_tokens_cost_one_listing_per_period_not_a_read_each()
    {
        var (_, responder, calls) = Create(new ResponderOptions { TokenListTtl = TimeSpan.FromSeconds(1) });

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await responder.FindKeyAuthorizationAsync(NewToken(), "x.example.test", default));
        }

        Assert.Equal(1, calls.Count("list"));
        Assert.Equal(0, calls.Count("read"));

        _time.Advance(TimeSpan.FromSeconds(1.5));
        await responder.FindKeyAuthorizationAsync(NewToken(), "x.example.test", default);
        Assert.Equal(2, calls.Count("list"));
    }

    [Fact]
    public async Task A_token_published_by_this_instance_is_visible_at_once_despite_the_snapshot()
    {
        var (store, responder, calls) = Create(new ResponderOptions { TokenListTtl = TimeSpan.FromSeconds(30) });
        Assert.Null(await responder.FindKeyAuthorizationAsync(NewToken(), "a.example.test", default));
        var token = NewToken();

        await store.PublishAsync("owner-3", [new PublishedChallenge(token, "fresh", ["a.example.test"])], default);

        Assert.Equal("fresh", await responder.FindKeyAuthorizationAsync(token, "a.example.test", default));
        Assert.Equal(2, calls.Count("list"));
    }

    [Fact]
    public async Task Malformed_tokens_never_reach_storage()
    {
        var (_, responder, calls) = Create(new ResponderOptions());
        Assert.Null(await responder.FindKeyAuthorizationAsync("../secret", "a.example.test", default));
        Assert.Null(await responder.FindKeyAuthorizationAsync(new string('a', 500), "a.example.test", default));
        Assert.Equal(0, calls.Total);
    }

    [Fact]
    public async Task With_the_host_check_on_a_token_is_served_only_for_its_names()
    {
        var (store, responder, _) = Create(new ResponderOptions { RequireKnownHost = true });
        var token = NewToken();
        await store.PublishAsync("owner-2", [new PublishedChallenge(token, "ka", ["a.example.test", "b.example.test"])], default);

        Assert.Equal("ka", await responder.FindKeyAuthorizationAsync(token, "B.example.test", default));
        Assert.Null(await responder.FindKeyAuthorizationAsync(token, "evil.example.test", default));
    }

    [Fact]
    public async Task Leftover_tokens_of_one_owner_are_removed_and_others_kept()
    {
        var (store, _, _) = Create(new ResponderOptions());
        string mine = NewToken(), theirs = NewToken();
        await store.PublishAsync("cert_default_demo_web", [new PublishedChallenge(mine, "1", ["a.example.test"])], default);
        await store.PublishAsync("cert_default_demo_other", [new PublishedChallenge(theirs, "2", ["b.example.test"])], default);

        Assert.Equal(1, await store.ReleaseOwnedAsync("cert_default_demo_web", writtenBy: null, default));

        var remaining = await store.ListTokensAsync(default);
        Assert.DoesNotContain(mine, remaining);
        Assert.Contains(theirs, remaining);
    }

    [Fact]
    public async Task A_token_two_runs_present_stays_until_both_have_released_it()
    {
        // Two Ingresses sharing a host get the same pending authorization, so the same token, from the CA.
        var (store, responder, _) = Create(new ResponderOptions { PositiveCacheTtl = TimeSpan.Zero });
        var token = NewToken();
        await store.PublishAsync("cert_default_shop_web", [new PublishedChallenge(token, token + ".thumb", ["shared.example.test"])], default);
        await store.PublishAsync("cert_default_shop_api", [new PublishedChallenge(token, token + ".thumb", ["shared.example.test"])], default);

        Assert.Equal(0, await store.ReleaseAsync("cert_default_shop_web", [token], default));

        Assert.Equal(token + ".thumb", await responder.FindKeyAuthorizationAsync(token, "shared.example.test", default));
        var listed = Assert.Single(await store.ListPublishedAsync(default), t => t.Token == token);
        Assert.Equal(["cert_default_shop_api"], listed.Owners);

        Assert.Equal(1, await store.ReleaseAsync("cert_default_shop_api", [token], default));
        Assert.Null(await store.ReadAsync(token, default));
    }

    [Fact]
    public async Task Publishing_the_same_token_twice_for_one_run_is_one_owner()
    {
        var (store, _, _) = Create(new ResponderOptions());
        var token = NewToken();
        var challenge = new PublishedChallenge(token, token + ".thumb", ["a.example.test"]);
        await store.PublishAsync("cert_default_shop_web", [challenge], default);
        await store.PublishAsync("cert_default_shop_web", [challenge], default);

        Assert.Equal(["cert_default_shop_web"], Assert.Single(await store.ListPublishedAsync(default), t => t.Token == token).Owners);
        Assert.Equal(1, await store.ReleaseAsync("cert_default_shop_web", [token], default));
    }

    [Fact]
    public async Task A_token_written_since_it_was_listed_is_not_deleted_by_a_sweep()
    {
        // Within the same second, so a time condition could not tell the two writes apart; the ETag does.
        var (store, _, _) = Create(new ResponderOptions());
        var token = NewToken();
        await store.PublishAsync("cert_default_shop_web", [new PublishedChallenge(token, "1", ["a.example.test"])], default);
        var seen = await store.ListPublishedAsync(default);
        await store.PublishAsync("cert_default_shop_web", [new PublishedChallenge(token, "1", ["a.example.test"])], default);

        Assert.Equal(0, await store.DeleteSeenAsync(seen, default));
        Assert.Equal(0, await store.ReleaseSeenAsync("cert_default_shop_web", seen, default));
        Assert.NotNull(await store.ReadAsync(token, default));

        Assert.Equal(1, await store.DeleteSeenAsync(await store.ListPublishedAsync(default), default));
    }

    public void Dispose() => _services.Dispose();

    private static string NewToken() => Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private (ChallengeTokenStore Store, ChallengeResponder Responder, StorageCallCounter Calls) Create(ResponderOptions responderOptions)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString })
            .Build();
        var storageOptions = Options.Create(new StorageOptions { ChallengeContainer = _container });
        var containers = new BlobContainers(new BlobServiceClientFactory(configuration, storageOptions, _services.GetRequiredService<AzureComponentFactory>()), storageOptions);
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        var store = new ChallengeTokenStore(containers, meterFactory);
        var counter = new StorageCallCounter(meterFactory);
        var responder = new ChallengeResponder(store, Options.Create(responderOptions), _time, NullLogger<ChallengeResponder>.Instance);
        return (store, responder, counter);
    }

    /// <summary>Counts the storage calls the store reports through its meter.</summary>
    private sealed class StorageCallCounter
    {
        private readonly Dictionary<string, int> _counts = [];
        private readonly MeterListener _listener = new();

        public StorageCallCounter(IMeterFactory meterFactory)
        {
            var meter = meterFactory.Create(ChallengeTokenStore.MeterName);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var operation = tags.ToArray().Single(t => t.Key == "operation").Value as string ?? "?";
                lock (_counts)
                {
                    _counts[operation] = _counts.GetValueOrDefault(operation) + (int)value;
                }
            });
            _listener.Start();
        }

        public int Total
        {
            get
            {
                lock (_counts)
                {
                    // Container creation is not counted; reads, lists, writes and deletes are.
                    return _counts.Where(c => c.Key != "write").Sum(c => c.Value);
                }
            }
        }

        public int Count(string operation)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(operation);
            }
        }
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.AddMetrics().BuildServiceProvider();
    }
}
