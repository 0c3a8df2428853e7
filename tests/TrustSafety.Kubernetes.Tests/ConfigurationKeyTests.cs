using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

public sealed class ConfigurationKeyTests
{
    public static TheoryData<string> Pieces() => Layout.PieceNames();

    [Theory]
    [MemberData(nameof(Pieces))]
    public void the_production_overlay_provides_every_configuration_key_the_piece_reads(string name)
    {
        var piece = Layout.Piece(name);
        var rendered = Rendered.Of("overlays/production");
        var provided = rendered.Environment(rendered.One<V1Deployment>(piece.Name)).Keys
            .Select(k => k.Replace("__", ":")).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = ConfigurationKeys.ReadBy(piece)
            .Where(k => !provided.Contains(k.Name) && !provided.Any(p => p.StartsWith(k.Name + ":", StringComparison.OrdinalIgnoreCase)))
            .Select(k => k.ToString()).ToList();

        missing.ShouldBeEmpty($"k8s/overlays/production does not configure these keys of {name}");
    }

    [Fact]
    public void the_layout_documents_only_keys_service_defaults_reads()
    {
        var read = ConfigurationKeys.ReadByServiceDefaults().Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Layout.ConfigurationKeys.ShouldNotBeEmpty();
        Layout.ConfigurationKeys.Where(k => !read.Contains(k)).ShouldBeEmpty("docs/layout.md lists keys nothing reads");
    }

    [Fact]
    public void the_key_finder_sees_the_options_classes_of_service_defaults_and_identity()
    {
        var defaults = ConfigurationKeys.ReadByServiceDefaults().Select(k => k.Name).ToList();
        defaults.ShouldContain("RabbitMq:QuorumQueues");
        defaults.ShouldContain("Daemon:Replica");
        defaults.ShouldContain("Authentication:Authority");
        defaults.ShouldContain("ConnectionStrings:Postgres");
        defaults.ShouldContain("OTEL_EXPORTER_OTLP_ENDPOINT");

        var identity = ConfigurationKeys.ReadBy(Layout.Piece("identity"));
        identity.ShouldContain(k => k.Name == "Identity:SigningKeyPath");
        identity.ShouldContain(k => k.Name == "Identity:DashboardRedirectUris" && k.IsList);
        identity.ShouldContain(k => k.Name == "ConnectionStrings:Postgres");
    }

    [Fact]
    public void production_never_points_a_service_at_a_developer_machine()
    {
        var rendered = Rendered.Of("overlays/production");
        foreach (var deployment in rendered.All<V1Deployment>())
            foreach (var (key, variable) in rendered.Environment(deployment))
            {
                (variable.Value ?? "").ShouldNotContain("127.0.0.1", customMessage: $"{deployment.Metadata.Name} {key}");
                (variable.Value ?? "").ShouldNotContain("localhost", customMessage: $"{deployment.Metadata.Name} {key}");
                (variable.Value ?? "").ShouldNotContain("localtest.me", customMessage: $"{deployment.Metadata.Name} {key}");
            }
        var identity = rendered.Environment(rendered.One<V1Deployment>("identity"));
        identity["Identity__SigningKeyPath"].Value.ShouldStartWith("/var/run/secrets/identity/");
        rendered.One<V1Deployment>("identity").Spec.Template.Spec.Volumes.Single(v => v.Name == "keys").Secret.SecretName.ShouldBe("identity-keys");
    }
}
