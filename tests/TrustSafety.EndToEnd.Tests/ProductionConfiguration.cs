using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using Shouldly;
using TrustSafety.Kubernetes.Tests;
using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// The production overlay, started without a cluster (issue 18, point 3). <c>k8s/overlays/production</c> is rendered
/// (the Kubernetes tests' kustomize reader) and every Deployment's first container becomes a process of the built
/// piece with exactly the environment the pod would get: its <c>envFrom</c> ConfigMaps, its <c>env</c> with
/// <c>$(VAR)</c> expansion, <c>fieldRef</c> (the pod name) and <c>secretKeyRef</c> from a test secret set made as
/// docs/kubernetes.md step 3 makes them (the operators' secrets — <c>pg-*-app</c>, <c>rabbitmq-default-user</c> — name
/// the local PostgreSQL and RabbitMQ), plus the image's own <c>ENV</c>. Each process runs in a mount namespace of its
/// own (<c>unshare --mount</c>, as root) where
/// <list type="bullet">
/// <item><c>/etc/hosts</c> resolves names as the cluster's DNS would: each Service name to its pod's own loopback
/// address (a <see cref="TcpForwarder"/> there plays the Service port, 80 → 8080), <c>pg-*-rw</c> and
/// <c>rabbitmq</c> to the local servers, the public host to the HTTPS edge, and anything outside the cluster
/// (the OTLP collector, the SMTP relay) to an address where nothing answers;</item>
/// <item><c>/usr/share/zoneinfo</c> is an empty folder, as in the chiseled images (no time-zone database);</item>
/// <item>the system CA bundle also trusts the test CA that issued the edge's certificate (as a public CA's would be);</item>
/// <item>the Deployment's volumes are mounted where it mounts them (identity's key Secret and data-protection volume,
/// an empty <c>/tmp</c>).</item>
/// </list>
/// What differs from a pod, and why, is <see cref="PodNetworkOverrides"/>: the listen addresses (every pod binds
/// <c>*:8080</c> and <c>*:9464</c> in its own network namespace; here the pods share one, so each binds its own
/// loopback address) and the RabbitMQ virtual host (a throw-away one per run). The test host reaches the public
/// origin through the edge only.
/// </summary>
public sealed class ProductionPlatform : IAsyncLifetime
{
    public const string Overlay = "overlays/production";

    /// <summary>The only environment values not taken from the rendered overlay (see the class summary).</summary>
    public static readonly string[] PodNetworkOverrides =
        ["Urls", "Metrics__Address", "Ingest__Syslog__BindAddress", "RabbitMq__VirtualHost", "RabbitMq__Port"];

    /// <summary>What the image's Dockerfile sets with ENV, which the pod gets before its own environment.</summary>
    private static readonly Dictionary<string, string> ImageEnvironment = new()
    {
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
        ["APP_UID"] = "1654",
    };

    private const string MountScript = """
        set -e
        # $1 hosts file, $2 CA bundle, $3 empty folder for the time-zone database, then pairs "source target" up to "--".
        mount --bind "$1" /etc/hosts
        mount --bind "$2" /etc/ssl/certs/ca-certificates.crt
        if [ -d /usr/share/zoneinfo ]; then mount --bind "$3" /usr/share/zoneinfo; fi
        shift 3
        while [ "$1" != "--" ]; do mkdir -p "$2"; mount --bind "$1" "$2"; shift 2; done
        shift
        exec "$@"
        """;

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _scratch = Directory.CreateTempSubdirectory("ts-production-smoke-").FullName;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _output = new();

    public Rendered Rendered { get; } = Rendered.Of(Overlay);
    public string PublicOrigin { get; private set; } = null!;
    public Uri PublicUri => new(PublicOrigin);
    public TestCertificates Certificates { get; private set; } = null!;
    public IPEndPoint Edge { get; private set; } = null!;
    public Dictionary<string, IPAddress> PodAddresses { get; } = [];
    public Dictionary<string, Dictionary<string, string>> Environments { get; } = [];
    public Dictionary<string, FixtureProcess> Pods { get; } = [];
    public Dictionary<string, Dictionary<string, string>> Secrets { get; } = [];

    public async Task InitializeAsync()
    {
        var deployments = Rendered.All<V1Deployment>().ToList();
        var identityEnvironment = Rendered.Environment(Rendered.One<V1Deployment>("identity"));
        PublicOrigin = identityEnvironment["Identity__PublicOrigin"].Value;
        var publicHost = PublicUri.Host;

        // Loopback addresses of this run: 127.<random>.1.N for pods, .2.1 for the edge, .3.1 where nothing answers.
        var octet = RandomNumberGenerator.GetInt32(16, 250);
        var index = 1;
        foreach (var deployment in deployments) PodAddresses[deployment.Metadata.Name] = IPAddress.Parse($"127.{octet}.1.{index++}");
        Edge = new IPEndPoint(IPAddress.Parse($"127.{octet}.2.1"), PublicUri.Port);
        var nowhere = IPAddress.Parse($"127.{octet}.3.1");

        // The servers the operators would run.
        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(await TestServers.PostgresAdminAsync());
        var rabbit = await TestServers.RabbitAsync();
        var vhost = Own(await TestVirtualHost.CreateAsync());
        var postgresAddress = await AddressOf(postgres.Host!);
        var rabbitAddress = await AddressOf(rabbit.Host);

        // Secrets: the operators' (pointing at the local servers) and the ones docs/kubernetes.md step 3 creates.
        foreach (var cluster in Rendered.CustomOf("Cluster").Select(Kustomize.Name))
        {
            var database = Own(await TestDatabase.CreateAsync(cluster.Replace("pg-", "").Replace('-', '_')));
            Secrets[$"{cluster}-app"] = new()
            {
                ["host"] = $"{cluster}-rw", ["port"] = postgres.Port.ToString(), ["dbname"] = database.Name,
                ["username"] = postgres.Username!, ["password"] = postgres.Password!,
            };
        }
        var rabbitCluster = Kustomize.Name(Rendered.CustomOf("RabbitmqCluster").Single());
        Secrets[$"{rabbitCluster}-default-user"] = new() { ["username"] = rabbit.Username, ["password"] = rabbit.Password };
        Secrets["identity-keys"] = new() { ["signing-key.pem"] = RsaPem(), ["encryption-key.pem"] = RsaPem() };
        Secrets["incident-secrets"] = new() { ["key-encryption-key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        Secrets["reporting-secrets"] = new() { ["pseudonym-key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };
        Secrets["filtering-ingest-secrets"] = new()
        {
            ["secret-encryption-key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["service-client-secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        };
        Secrets["identity-external-sign-in"] = new() { ["entra-client-secret"] = "smoke-test-entra-client-secret" };
        // notifications-smtp is optional (a relay that allow-lists the cluster): not created.

        // Names as the cluster's DNS resolves them.
        var hosts = new StringBuilder("127.0.0.1 localhost\n::1 localhost\n");
        var namespaceName = Rendered.All<V1Namespace>().Single().Metadata.Name;
        foreach (var service in Rendered.All<V1Service>())
        {
            var name = service.Metadata.Name;
            if (!PodAddresses.TryGetValue(AppOf(service), out var address)) address = nowhere;
            hosts.Append($"{address} {name} {name}.{namespaceName} {name}.{namespaceName}.svc {name}.{namespaceName}.svc.cluster.local\n");
        }
        foreach (var cluster in Rendered.CustomOf("Cluster").Select(Kustomize.Name))
            hosts.Append($"{postgresAddress} {cluster}-rw {cluster}-rw.{namespaceName}.svc {cluster}-rw.{namespaceName}.svc.cluster.local\n");
        hosts.Append($"{rabbitAddress} {rabbitCluster} {rabbitCluster}.{namespaceName}.svc {rabbitCluster}.{namespaceName}.svc.cluster.local\n");
        hosts.Append($"{Edge.Address} {publicHost}\n");
        var environments = deployments.ToDictionary(d => d.Metadata.Name, d => PodEnvironment(d, vhost.Name, rabbit.Port));
        var known = new HashSet<string>(hosts.ToString().Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
        foreach (var host in environments.Values.SelectMany(e => e.Values).SelectMany(HostNamesIn).Distinct(StringComparer.OrdinalIgnoreCase))
            if (!known.Contains(host) && !IPAddress.TryParse(host, out _)) hosts.Append($"{nowhere} {host}\n");
        var hostsFile = Write("hosts", hosts.ToString());

        // The edge: TLS with a certificate from a CA the pods trust through their system bundle.
        Certificates = TestCertificates.For(publicHost);
        var bundle = (File.Exists("/etc/ssl/certs/ca-certificates.crt") ? await File.ReadAllTextAsync("/etc/ssl/certs/ca-certificates.crt") : "")
            + "\n" + Certificates.Authority.ExportCertificatePem() + "\n";
        var bundleFile = Write("ca-certificates.crt", bundle);
        var noZoneInfo = Directory.CreateDirectory(Path.Combine(_scratch, "no-zoneinfo")).FullName;

        // Services (kube-proxy): Service port → the pod's container port, on the pod's address.
        foreach (var service in Rendered.All<V1Service>())
        {
            var app = AppOf(service);
            if (!PodAddresses.TryGetValue(app, out var address)) continue;
            var container = Rendered.One<V1Deployment>(app).Spec.Template.Spec.Containers[0];
            foreach (var port in service.Spec.Ports.Where(p => (p.Protocol ?? "TCP") == "TCP"))
            {
                var target = ContainerPort(container, port.TargetPort?.Value ?? port.Port.ToString());
                if (target != port.Port) Own(new TcpForwarder(new IPEndPoint(address, port.Port), new IPEndPoint(address, target)));
            }
        }
        var gatewayService = Rendered.One<V1Service>("gateway").Spec.Ports.First().Port;
        Own(new TcpForwarder(Edge, new IPEndPoint(PodAddresses["gateway"], gatewayService), Certificates.Edge));

        foreach (var deployment in deployments)
        {
            var name = deployment.Metadata.Name;
            Environments[name] = environments[name];
            Pods[name] = Own(StartPod(deployment, environments[name], hostsFile, bundleFile, noZoneInfo));
        }

        // Ready as the kubelet sees it: the startup and readiness probes, on the pod's address.
        await Task.WhenAll(deployments.Select(d => Eventually.True(async () =>
        {
            var name = d.Metadata.Name;
            var process = Pods[name].Process;
            if (process.HasExited) throw new InvalidOperationException(
                $"{name} exited with code {process.ExitCode} under the production environment:\n{Output(name)}");
            return await ProbeAsync(d, d.Spec.Template.Spec.Containers[0].StartupProbe)
                && await ProbeAsync(d, d.Spec.Template.Spec.Containers[0].ReadinessProbe);
        }, TimeSpan.FromSeconds(420), $"{d.Metadata.Name} ready under the production overlay's environment")));
    }

    /// <summary>The environment of the Deployment's first container, as the kubelet builds it.</summary>
    private Dictionary<string, string> PodEnvironment(V1Deployment deployment, string vhost, int rabbitPort)
    {
        var name = deployment.Metadata.Name;
        var container = deployment.Spec.Template.Spec.Containers[0];
        var environment = new Dictionary<string, string>(ImageEnvironment);
        foreach (var source in container.EnvFrom ?? [])
        {
            var map = Rendered.One<V1ConfigMap>(source.ConfigMapRef.Name);
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>()) environment[key] = value;
        }
        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } secret)
            {
                if (Secrets.TryGetValue(secret.Name, out var data) && data.TryGetValue(secret.Key, out var value)) environment[variable.Name] = value;
                else if (secret.Optional != true) throw new InvalidOperationException($"{name}: {variable.Name} needs Secret {secret.Name} key {secret.Key}, which the test secret set lacks");
            }
            else if (variable.ValueFrom?.FieldRef is { } field)
                environment[variable.Name] = field.FieldPath switch
                {
                    "metadata.name" => $"{name}-5d8f9c7b6-smoke",
                    "metadata.namespace" => deployment.Metadata.NamespaceProperty,
                    "status.podIP" => PodAddresses[name].ToString(),
                    _ => throw new NotSupportedException($"{name}: fieldRef {field.FieldPath}"),
                };
            else if (variable.ValueFrom is not null) throw new NotSupportedException($"{name}: {variable.Name} valueFrom");
            else environment[variable.Name] = Regex.Replace(variable.Value ?? "", @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                m => environment.TryGetValue(m.Groups[1].Value, out var earlier) ? earlier : m.Value);
        }

        // The pod network, which this machine shares between the pods (see PodNetworkOverrides).
        var address = PodAddresses[name];
        var httpPort = ContainerPort(container, "http");
        environment["Urls"] = $"http://{address}:{httpPort}";
        if (environment.ContainsKey("Metrics__Address")) environment["Metrics__Address"] = address.ToString();
        if (environment.ContainsKey("Ingest__Syslog__BindAddress")) environment["Ingest__Syslog__BindAddress"] = address.ToString();
        if (environment.ContainsKey("RabbitMq__Username"))
        {
            environment["RabbitMq__VirtualHost"] = vhost;
            if (environment.GetValueOrDefault("RabbitMq__Port") != rabbitPort.ToString()) environment["RabbitMq__Port"] = rabbitPort.ToString();
        }
        return environment;
    }

    private FixtureProcess StartPod(V1Deployment deployment, Dictionary<string, string> environment, string hostsFile, string bundleFile, string noZoneInfo)
    {
        var name = deployment.Metadata.Name;
        var container = deployment.Spec.Template.Spec.Containers[0];
        var assembly = PieceAssembly(name);
        var start = new ProcessStartInfo("unshare")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!, // the image's WORKDIR /app: the published piece
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--mount", "--propagation", "private", "bash", "-c", MountScript, "ts-pod", hostsFile, bundleFile, noZoneInfo })
            start.ArgumentList.Add(argument);

        // The image holds `dotnet publish` output: the build output plus the web root (the gateway's dashboard), which a
        // build leaves in the project (only Development reads it from there). Bound before the volumes: an empty /tmp
        // would hide its source when the repository itself lies under /tmp.
        var webRoot = Path.Combine(Layout.Piece(name).SourceDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            start.ArgumentList.Add(webRoot);
            start.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(assembly)!, "wwwroot"));
        }

        // Volumes where the Deployment mounts them: Secrets as files, everything else an empty folder of this pod.
        // The empty /tmp goes last, and only when the build output the pod runs is not under /tmp (a clone in /tmp would
        // vanish under it; the image's /app never does).
        var hidesTheBuild = (Path.GetDirectoryName(assembly)! + "/").StartsWith("/tmp/", StringComparison.Ordinal);
        var volumes = deployment.Spec.Template.Spec.Volumes ?? [];
        foreach (var mount in (container.VolumeMounts ?? []).Where(m => !(hidesTheBuild && m.MountPath == "/tmp"))
                     .OrderBy(m => m.MountPath == "/tmp" ? 1 : 0))
        {
            var volume = volumes.Single(v => v.Name == mount.Name);
            var folder = Directory.CreateDirectory(Path.Combine(_scratch, name, mount.Name)).FullName;
            if (volume.Secret is { } secret)
                foreach (var (file, content) in Secrets.GetValueOrDefault(secret.SecretName)
                    ?? throw new InvalidOperationException($"{name}: volume {mount.Name} needs Secret {secret.SecretName}"))
                    File.WriteAllText(Path.Combine(folder, file), content);
            start.ArgumentList.Add(folder);
            start.ArgumentList.Add(mount.MountPath);
        }
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet");
        start.ArgumentList.Add(assembly);

        // Exactly the pod's environment: nothing inherited from the test host but PATH (to find the tools) and the
        // test run's mark (./test.sh finds leftovers by it).
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        if (Environment.GetEnvironmentVariable("TS_TEST_RUN") is { } run) start.Environment["TS_TEST_RUN"] = run;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = FixtureProcess.Start(start);
        var output = _output.GetOrAdd(name, _ => new ConcurrentQueue<string>());
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > 60) output.TryDequeue(out _);
        }
        process.Process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.Process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Process.BeginOutputReadLine();
        process.Process.BeginErrorReadLine();
        return process;
    }

    public string Output(string name) => string.Join('\n', _output.GetValueOrDefault(name) ?? new ConcurrentQueue<string>());

    private async Task<bool> ProbeAsync(V1Deployment deployment, V1Probe? probe)
    {
        if (probe?.HttpGet is not { } get) return true;
        var port = ContainerPort(deployment.Spec.Template.Spec.Containers[0], get.Port.Value);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try { return (await http.GetAsync($"http://{PodAddresses[deployment.Metadata.Name]}:{port}{get.Path}")).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    private static string AppOf(V1Service service) =>
        service.Spec.Selector is { } selector && selector.TryGetValue("app.kubernetes.io/name", out var app) ? app : service.Metadata.Name;

    private static int ContainerPort(V1Container container, string port) =>
        int.TryParse(port, out var number) ? number : container.Ports.Single(p => p.Name == port).ContainerPort;

    /// <summary>A browser or vendor outside the cluster: every connection goes to the edge, TLS checked against the test CA.</summary>
    public HttpClient PublicClient(bool followRedirects = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = false,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(Edge, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is not null && Certificates.Trusts(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate), errors);
        return new HttpClient(handler) { BaseAddress = PublicUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static IEnumerable<string> HostNamesIn(string value)
    {
        foreach (Match m in Regex.Matches(value, @"[a-z][a-z0-9+.-]*://(?:[^@/\s]*@)?([A-Za-z0-9.-]+)")) yield return m.Groups[1].Value;
        foreach (Match m in Regex.Matches(value, @"(?:^|;)\s*Host=([A-Za-z0-9.-]+)")) yield return m.Groups[1].Value;
    }

    private static string PieceAssembly(string name)
    {
        var piece = Layout.Piece(name);
        var path = Path.Combine(piece.SourceDirectory, "bin", Repository.Configuration, "net10.0", Path.GetFileNameWithoutExtension(piece.Project) + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {piece.Project} first", path);
    }

    private static async Task<IPAddress> AddressOf(string host) =>
        IPAddress.TryParse(host, out var address) ? address
            : (await Dns.GetHostAddressesAsync(host)).First(a => a.AddressFamily == AddressFamily.InterNetwork);

    private static string RsaPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private string Write(string file, string content)
    {
        var path = Path.Combine(_scratch, file);
        File.WriteAllText(path, content);
        return path;
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try { await _owned[i].DisposeAsync(); }
            catch (Exception e) when (e is IOException or InvalidOperationException or Npgsql.NpgsqlException) { }
        }
        Certificates?.Dispose();
        try { Directory.Delete(_scratch, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Issue 18, point 3: the production overlay's configuration, started as processes without a cluster
/// (<see cref="ProductionPlatform"/>), proves its wiring, the issuer behind the HTTPS edge, time zones without a
/// time-zone database and readiness, and that the demo shortcuts are closed.
/// </summary>
[Trait("Category", "ProductionSmoke")]
public sealed class ProductionConfigurationSmokeTests(ProductionPlatform platform) : IClassFixture<ProductionPlatform>
{
    [Fact]
    public void every_deployment_of_the_overlay_started_with_its_own_environment_and_became_ready()
    {
        platform.Pods.Keys.ShouldBe(platform.Rendered.All<V1Deployment>().Select(d => d.Metadata.Name), ignoreOrder: true);
        platform.Pods.Keys.ShouldBe(Layout.Pieces.Select(p => p.Name), ignoreOrder: true,
            "every piece of docs/layout.md is deployed by the production overlay and started here");
        foreach (var (name, pod) in platform.Pods)
        {
            pod.Process.HasExited.ShouldBeFalse($"{name} stopped after becoming ready:\n{platform.Output(name)}");
            var environment = platform.Environments[name];
            var rendered = platform.Rendered.Environment(platform.Rendered.One<V1Deployment>(name));
            foreach (var (key, variable) in rendered)
            {
                if (ProductionPlatform.PodNetworkOverrides.Contains(key)) continue;
                if (variable.Value is { } value && !value.Contains("$("))
                    environment.GetValueOrDefault(key).ShouldBe(value, $"{name}: {key} as the overlay sets it");
                else if (variable.ValueFrom?.SecretKeyRef is { Optional: not true })
                    environment.ShouldContainKey(key, $"{name}: {key} from its Secret");
            }
        }
        // Production's own promises, as the processes received them.
        platform.Environments["identity"]["Identity__DemoTrust"].ShouldBe("false");
        platform.Environments["consent"]["Consent__TimeZone"].ShouldBe("Europe/London");
        platform.Environments.Values.Where(e => e.ContainsKey("ConnectionStrings__Postgres"))
            .ShouldAllBe(e => e["ConnectionStrings__Postgres"].Contains("SSL Mode=Require"));
    }

    [Fact]
    public void the_pods_saw_no_time_zone_database_and_resolved_names_as_the_cluster_does()
    {
        foreach (var (name, pod) in platform.Pods)
        {
            // What the process itself sees, through its own mount namespace.
            var root = $"/proc/{pod.Process.Id}/root";
            var zoneinfo = $"{root}/usr/share/zoneinfo";
            if (Directory.Exists("/usr/share/zoneinfo"))
                Directory.EnumerateFileSystemEntries(zoneinfo).ShouldBeEmpty($"{name} must start without a time-zone database");
            var hosts = File.ReadAllText($"{root}/etc/hosts");
            hosts.ShouldContain($"{platform.PodAddresses["identity"]} identity ");
            hosts.ShouldContain($" {platform.PublicUri.Host}");
        }
    }

    [Fact]
    public async Task discovery_through_the_public_https_origin_names_the_public_origin_everywhere()
    {
        using var client = platform.PublicClient();
        using var response = await client.GetAsync(".well-known/openid-configuration");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var discovery = JsonDocument.Parse(body);
        discovery.RootElement.GetProperty("issuer").GetString().ShouldBe(platform.PublicOrigin);
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "jwks_uri" })
            discovery.RootElement.GetProperty(endpoint).GetString()!.ShouldStartWith(platform.PublicOrigin, Case.Sensitive, endpoint);
    }

    [Fact]
    public async Task the_demo_password_grant_is_refused_at_the_public_token_endpoint()
    {
        using var client = platform.PublicClient();
        using var response = await client.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "trustsafety-cli", ["username"] = "trust.lead",
            ["password"] = IdentityServer.DemoPassword, ["scope"] = "openid profile roles school api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldNotContain("access_token");
    }

    [Fact]
    public async Task a_token_from_the_public_origin_is_accepted_by_the_gateway_and_a_service_that_fetch_its_keys_over_https()
    {
        // filtering-ingest's own client, with the secret both identity and filtering-ingest read from filtering-ingest-secrets.
        using var client = platform.PublicClient();
        using var tokenResponse = await client.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = platform.Environments["filtering-ingest"]["Ingest__ServiceClient__ClientId"],
            ["client_secret"] = platform.Secrets["filtering-ingest-secrets"]["service-client-secret"],
        }));
        var tokenBody = await tokenResponse.Content.ReadAsStringAsync();
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK, tokenBody);
        var token = JsonDocument.Parse(tokenBody).RootElement.GetProperty("access_token").GetString();

        // device-register validates it (Authentication__Authority = the public origin, RequireHttpsMetadata = true).
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/device-register/attribution?ip=10.1.4.23&scope=trust");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await client.SendAsync(request);
        var answerBody = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{answerBody}\n--- device-register:\n{platform.Output("device-register")}\n--- gateway:\n{platform.Output("gateway")}");

        using var anonymous = await client.GetAsync("api/device-register/attribution?ip=10.1.4.23&scope=trust");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task the_gateway_serves_the_dashboard_at_the_public_origin()
    {
        using var client = platform.PublicClient();
        using var response = await client.GetAsync("");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain("<html", Case.Insensitive);
        using var library = await client.GetAsync("lib/oidc-client-ts/oidc-client-ts.min.js");
        library.StatusCode.ShouldBe(HttpStatusCode.OK, "the dashboard's sign-in library, served same-origin");
    }
}
