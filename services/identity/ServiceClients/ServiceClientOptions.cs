using Microsoft.Extensions.Options;

namespace TrustSafety.Identity.ServiceClients;

/// <summary>
/// A confidential client of another TrustSafety service (client-credentials grant), bound from
/// <c>Identity:ServiceClients:&lt;n&gt;</c>. Its tokens carry <c>sub</c> = the client id, these roles, and no school.
/// </summary>
public sealed class ServiceClientOptions
{
    /// <summary>The service-to-service role; the only role a service client may hold.</summary>
    public const string ServiceRole = "service";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>Every problem with this entry, each naming the key and the fix.</summary>
    public IEnumerable<string> Problems(int index)
    {
        var key = $"Identity:ServiceClients:{index}";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return $"{key}:ClientId is required (e.g. filtering-ingest).";
        if (ClientSecret.Length < 24) yield return $"{key}:ClientSecret must be at least 24 characters of random secret.";
        if (Roles.Count == 0) yield return $"{key}:Roles must list at least one role (\"{ServiceRole}\").";
        foreach (var role in Roles.Where(r => r != ServiceRole))
            yield return $"{key}:Roles holds '{role}'; a service client may only hold \"{ServiceRole}\" (user roles come from people signing in).";
    }
}

/// <summary>Refuses to start with a service client that is incomplete, weakly secret, duplicated or over-privileged.</summary>
internal sealed class ServiceClientsValidation : IValidateOptions<Configuration.IdentityProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, Configuration.IdentityProviderOptions options)
    {
        var problems = options.ServiceClients.SelectMany((c, i) => c.Problems(i)).ToList();
        problems.AddRange(options.ServiceClients.GroupBy(c => c.ClientId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Identity:ServiceClients lists the client id '{g.Key}' more than once; give each service one entry."));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
