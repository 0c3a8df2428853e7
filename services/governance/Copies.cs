using System.Text.Json;

namespace TrustSafety.Governance;

/// <summary>A detached copy of an aggregate, to fold a decision's events onto without touching the instance the session tracks.</summary>
public static class Copies
{
    public static T Of<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
