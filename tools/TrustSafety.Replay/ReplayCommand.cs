using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TrustSafety.Replay;

/// <summary>
/// Moves the messages parked in <c>&lt;queue&gt;_error</c> back onto <c>&lt;queue&gt;</c>, one at a time: each is
/// published with a broker confirm before it is acknowledged on the error queue, so a crash mid-way duplicates at
/// worst (consumers are idempotent by MessageId) and never loses. Only the messages present at the start are
/// moved, so a message that fails again lands back in <c>_error</c> instead of looping.
/// </summary>
public static class ReplayCommand
{
    private const string Usage = """
        usage: replay-errors <queue> [--vhost V] [--host H] [--port P] [--user U] [--password P] [--max N] [--dry-run]
          Moves messages from <queue>_error back to <queue> (e.g. reporting-incident-reported).
          Defaults come from TS_RABBIT_HOST, TS_RABBIT_PORT, TS_RABBIT_USER, TS_RABBIT_PASSWORD, TS_RABBIT_VHOST
          (else 127.0.0.1, 5672, guest, guest, /).
          --max N     move at most N messages
          --dry-run   only report how many messages are waiting
        exit codes: 0 done, 1 bad arguments, 2 a queue does not exist, 3 the broker refused a publish
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!Options.TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 1;
        }

        var factory = new ConnectionFactory
        {
            HostName = options.Host, Port = options.Port, VirtualHost = options.VirtualHost,
            UserName = options.User, Password = options.Password, ClientProvidedName = "trustsafety-replay",
        };
        await using var connection = await factory.CreateConnectionAsync();
        var errorQueue = options.Queue + "_error";

        var waiting = await MessageCount(connection, errorQueue);
        if (waiting is null)
        {
            await error.WriteLineAsync($"queue '{errorQueue}' does not exist in vhost '{options.VirtualHost}'");
            return 2;
        }
        if (await MessageCount(connection, options.Queue) is null)
        {
            await error.WriteLineAsync($"queue '{options.Queue}' does not exist in vhost '{options.VirtualHost}': start the consuming service first");
            return 2;
        }
        var toMove = Math.Min(waiting.Value, options.Max ?? long.MaxValue);
        if (options.DryRun)
        {
            await output.WriteLineAsync($"{waiting} message(s) waiting in {errorQueue}");
            return 0;
        }

        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var moved = 0L;
        while (moved < toMove)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false);
            if (message is null) break;
            var properties = new BasicProperties(message.BasicProperties);
            var reason = Header(properties, "MT-Fault-Message");
            properties.Headers = properties.Headers?
                .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            properties.Headers["x-replayed-from"] = errorQueue;
            properties.Headers["x-replayed-at"] = DateTimeOffset.UtcNow.ToString("O");
            try
            {
                await channel.BasicPublishAsync("", options.Queue, mandatory: true, properties, message.Body);
            }
            catch (Exception ex) when (ex is PublishException or AlreadyClosedException)
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
                await error.WriteLineAsync($"the broker refused to take message {properties.MessageId} onto {options.Queue}: {ex.Message}");
                return 3;
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            moved++;
            await output.WriteLineAsync($"replayed {properties.MessageId ?? "(no message id)"}{(reason is null ? "" : $" (failed with: {reason})")}");
        }
        await output.WriteLineAsync($"moved {moved} message(s) from {errorQueue} to {options.Queue}");
        return 0;
    }

    private static async Task<uint?> MessageCount(IConnection connection, string queue)
    {
        // A failed passive declare closes its channel, so each probe gets its own.
        await using var probe = await connection.CreateChannelAsync();
        try
        {
            return (await probe.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
}

internal sealed record Options(string Queue, string Host, int Port, string VirtualHost, string User, string Password, long? Max, bool DryRun)
{
    public static bool TryParse(string[] args, out Options options, out string problem)
    {
        options = null!;
        problem = "";
        string? queue = null;
        var host = Env("TS_RABBIT_HOST", "127.0.0.1");
        var port = Env("TS_RABBIT_PORT", "5672");
        var vhost = Env("TS_RABBIT_VHOST", "/");
        var user = Env("TS_RABBIT_USER", "guest");
        var password = Env("TS_RABBIT_PASSWORD", "guest");
        string? max = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--vhost": vhost = Next(); break;
                    case "--host": host = Next(); break;
                    case "--port": port = Next(); break;
                    case "--user": user = Next(); break;
                    case "--password": password = Next(); break;
                    case "--max": max = Next(); break;
                    case "--dry-run": dryRun = true; break;
                    case "-h" or "--help": problem = "help"; return false;
                    case var a when a.StartsWith('-'): problem = $"unknown option {a}"; return false;
                    case var a when queue is null: queue = a; break;
                    default: problem = $"unexpected argument {args[i]}"; return false;
                }
            }
            catch (FormatException ex)
            {
                problem = ex.Message;
                return false;
            }
        }
        if (string.IsNullOrWhiteSpace(queue)) { problem = "the queue name is required (without the _error suffix)"; return false; }
        if (queue.EndsWith("_error", StringComparison.Ordinal)) queue = queue[..^"_error".Length];
        if (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535) { problem = $"--port must be 1-65535, not '{port}'"; return false; }
        long? m = null;
        if (max is not null)
        {
            if (!long.TryParse(max, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1) { problem = $"--max must be a positive number, not '{max}'"; return false; }
            m = parsed;
        }
        options = new Options(queue, host, p, vhost, user, password, m, dryRun);
        return true;
    }

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
