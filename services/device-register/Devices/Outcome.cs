namespace TrustSafety.DeviceRegister.Devices;

/// <summary>A refusal a person can act on: what is wrong and what to do instead.</summary>
public sealed record Rejection(string Title, string Detail);

/// <summary>What a pure decision returns: the events to append, or why nothing may change.</summary>
public sealed record Outcome(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public bool Accepted => Rejection is null;
    public static Outcome Accept(params object[] events) => new(events, null);
    public static Outcome Reject(string title, string detail) => new([], new Rejection(title, detail));
}
