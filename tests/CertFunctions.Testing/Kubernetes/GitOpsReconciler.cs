using System.Text.Json.Nodes;

namespace CertFunctions.Testing.Kubernetes;

/// <summary>
/// A GitOps controller stand-in: until disposed it reads the live object, records every difference between it and
/// the Git manifest's fields (drift), and re-applies the manifest with the real kubectl, every
/// <see cref="Interval"/>. The manifest is JSON (kubectl applies it as it would YAML).
/// </summary>
public sealed class GitOpsReconciler : IAsyncDisposable
{
    /// <summary>Flux's field manager for what its kustomize-controller applies.</summary>
    public const string FluxFieldManager = "kustomize-controller";

    private readonly KubeApiEmulatorFixture _emulator;
    private readonly JsonObject _manifest;
    private readonly GitOpsApplyMode _mode;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _drift = [];
    private readonly List<string> _failures = [];
    private readonly Task _loop;
    private int _applies;

    private GitOpsReconciler(KubeApiEmulatorFixture emulator, JsonObject manifest, GitOpsApplyMode mode, TimeSpan interval)
    {
        _emulator = emulator;
        _manifest = manifest;
        _mode = mode;
        Interval = interval;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The pause between two reconciliations.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many applies succeeded so far.</summary>
    public int Applies => Volatile.Read(ref _applies);

    /// <summary>Every difference seen between the live object and the manifest's fields, before re-applying.</summary>
    public IReadOnlyList<string> Drift
    {
        get
        {
            lock (_drift)
            {
                return [.. _drift];
            }
        }
    }

    /// <summary>kubectl runs that failed, with their output.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Applies <paramref name="manifest"/> once (so the object exists as Git says), then keeps reconciling it.</summary>
    public static async Task<GitOpsReconciler> StartAsync(KubeApiEmulatorFixture emulator, JsonObject manifest, GitOpsApplyMode mode, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(manifest);
        var first = await ApplyAsync(emulator, manifest, mode);
        Assert.True(first.Succeeded, "the first apply of the Git manifest failed: " + first);
        return new GitOpsReconciler(emulator, manifest, mode, interval ?? TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The differences between <paramref name="live"/> and the fields <paramref name="manifest"/> declares (labels, annotations, spec).</summary>
    public static IReadOnlyList<string> Differences(JsonObject manifest, JsonNode? live)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var differences = new List<string>();
        foreach (var map in new[] { "labels", "annotations" })
        {
            foreach (var (key, value) in manifest["metadata"]?[map] as JsonObject ?? [])
            {
                if (!JsonNode.DeepEquals(live?["metadata"]?[map]?[key], value))
                {
                    differences.Add($"metadata.{map}.{key}: Git {value?.ToJsonString()}, live {live?["metadata"]?[map]?[key]?.ToJsonString() ?? "absent"}");
                }
            }
        }

        if (!JsonNode.DeepEquals(live?["spec"], manifest["spec"]))
        {
            differences.Add($"spec: Git {manifest["spec"]?.ToJsonString()}, live {live?["spec"]?.ToJsonString()}");
        }

        return differences;
    }

    /// <summary>Waits until <paramref name="count"/> more reconciliations (drift check, then apply) have finished.</summary>
    public async Task WaitForReconciliationsAsync(int count = 1)
    {
        var target = Applies + count;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (Applies < target)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Stops reconciling and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static Task<KubectlResult> ApplyAsync(KubeApiEmulatorFixture emulator, JsonObject manifest, GitOpsApplyMode mode) =>
        mode == GitOpsApplyMode.ServerSideForce
            ? emulator.RunKubectlWithInputAsync(manifest.ToJsonString(), "apply", "--server-side", "--force-conflicts", "--field-manager", FluxFieldManager, "-f", "-")
            : emulator.RunKubectlWithInputAsync(manifest.ToJsonString(), "apply", "-f", "-");

    private async Task RunAsync()
    {
        var metadata = _manifest["metadata"]!;
        var kind = (string)_manifest["kind"]!;
        var name = (string)metadata["name"]!;
        var ns = (string)metadata["namespace"]!;
        while (!_stop.IsCancellationRequested)
        {
            var live = await _emulator.RunKubectlAsync("get", kind, name, "-n", ns, "-o", "json");
            if (live.Succeeded)
            {
                var differences = Differences(_manifest, JsonNode.Parse(live.StandardOutput));
                lock (_drift)
                {
                    _drift.AddRange(differences);
                }
            }
            else
            {
                Fail("get", live);
            }

            var applied = await ApplyAsync(_emulator, _manifest, _mode);
            if (applied.Succeeded)
            {
                Interlocked.Increment(ref _applies);
            }
            else
            {
                Fail("apply", applied);
            }

            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Fail(string what, KubectlResult result)
    {
        lock (_failures)
        {
            _failures.Add($"{what} ({_mode}): {result}");
        }
    }
}
