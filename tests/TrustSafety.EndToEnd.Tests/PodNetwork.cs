using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// A TCP forwarder on one address: a Kubernetes Service's port in front of its pod's container port (as kube-proxy
/// does), or, with a certificate, the HTTPS edge that terminates TLS in front of the gateway (as the cluster's Gateway
/// API implementation does). Bytes are copied both ways; nothing is inspected or changed.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpForwarder(IPEndPoint listen, IPEndPoint target, X509Certificate2? certificate = null)
    {
        _target = target;
        _certificate = certificate;
        _listener = new TcpListener(listen);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            Stream downstream = client.GetStream();
            if (_certificate is not null)
            {
                var tls = new SslStream(downstream);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                }, _stop.Token);
                downstream = tls;
            }
            await upstream.ConnectAsync(_target, _stop.Token);
            var up = upstream.GetStream();
            var toUpstream = downstream.CopyToAsync(up, _stop.Token);
            var toDownstream = up.CopyToAsync(downstream, _stop.Token);
            await Task.WhenAny(toUpstream, toDownstream);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or AuthenticationException or ObjectDisposedException)
        {
            // The caller or the target went away: close both sides.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

/// <summary>A throw-away certificate authority and the edge certificate it issues for the public host name.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 edge)
    {
        Authority = authority;
        Edge = edge;
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Edge { get; }

    public static TestCertificates For(string host)
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=TrustSafety smoke-test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var edgeKey = RSA.Create(2048);
        var edgeRequest = new CertificateRequest($"CN={host}", edgeKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        edgeRequest.CertificateExtensions.Add(names.Build());
        edgeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        edgeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        edgeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        edgeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var issued = edgeRequest.Create(authority, now.AddDays(-1), now.AddDays(6), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(edgeKey);
        // Through PKCS#12, so SslStream gets a key it can use on every platform.
        var edge = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new TestCertificates(authority, edge);
    }

    /// <summary>Validates a server certificate against this authority only (the test host's view of the edge).</summary>
    public bool Trusts(X509Certificate2 certificate, SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Edge.Dispose();
    }
}
