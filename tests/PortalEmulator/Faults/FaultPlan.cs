namespace WineB24.PortalEmulator.Faults;

public enum FaultKind
{
    /// <summary>Answer an error instead of running the method.</summary>
    Error,

    /// <summary>Abort the connection without running the method.</summary>
    Drop,

    /// <summary>Run the method (the write happens), then abort the connection without an answer.</summary>
    DropAfterExecuting,
}

/// <summary>One injected fault: applies to a method (or all when null), with a probability, optionally only N times.</summary>
public sealed record FaultRule(FaultKind Kind, double Probability = 1.0, string? Method = null, int? Times = null,
    int Status = 500, string Code = "INTERNAL_SERVER_ERROR", string Description = "Internal server error");

/// <summary>
/// Run-time switchable faults for one portal. Rules are checked in order; the first that fires wins.
/// Random draws use a seeded generator so a test run is repeatable.
/// </summary>
public sealed class FaultPlan(int seed)
{
    private readonly object _gate = new();
    private readonly List<RuleState> _rules = [];
    private readonly Random _random = new(seed);
    private readonly List<RequestHold> _holds = [];

    /// <summary>Delay added to every REST request (emulated time).</summary>
    public TimeSpan Latency { get; set; }

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(new RuleState(rule, rule.Times));
        }
    }

    /// <summary>e.g. <c>ErrorRate(0.05)</c> = 5 % 500 INTERNAL_SERVER_ERROR.</summary>
    public void ErrorRate(double probability, int status = 500, string code = "INTERNAL_SERVER_ERROR", string description = "Internal server error", string? method = null)
        => Add(new FaultRule(FaultKind.Error, probability, method, null, status, code, description));

    public void FailNext(int times, int status = 500, string code = "INTERNAL_SERVER_ERROR", string description = "Internal server error", string? method = null)
        => Add(new FaultRule(FaultKind.Error, 1.0, method, times, status, code, description));

    public void DropNext(int times = 1, string? method = null) => Add(new FaultRule(FaultKind.Drop, 1.0, method, times));

    public void DropAfterExecutingNext(int times = 1, string? method = null) => Add(new FaultRule(FaultKind.DropAfterExecuting, 1.0, method, times));

    /// <summary>Holds every request of <paramref name="method"/> (null = all) until the returned hold is released.</summary>
    public RequestHold Hold(string? method = null)
    {
        var hold = new RequestHold(method);
        lock (_gate)
        {
            _holds.Add(hold);
        }
        return hold;
    }

    /// <summary>The unreleased hold that applies to <paramref name="method"/>, if any.</summary>
    internal RequestHold? HoldFor(string method)
    {
        lock (_gate)
        {
            _holds.RemoveAll(h => h.Released);
            return _holds.FirstOrDefault(h => h.Matches(method));
        }
    }

    /// <summary>Removes every rule and the latency, and releases every hold.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var hold in _holds)
            {
                hold.Release();
            }
            _holds.Clear();
            _rules.Clear();
            Latency = TimeSpan.Zero;
        }
    }

    /// <summary>The fault to apply to this request, if any (consumes one use of a counted rule).</summary>
    public FaultRule? Draw(string method)
    {
        lock (_gate)
        {
            foreach (var state in _rules)
            {
                if (state.Remaining is 0)
                {
                    continue;
                }
                if (state.Rule.Method is { } m && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (state.Rule.Probability < 1.0 && _random.NextDouble() >= state.Rule.Probability)
                {
                    continue;
                }
                if (state.Remaining is { } r)
                {
                    state.Remaining = r - 1;
                }
                return state.Rule;
            }
            return null;
        }
    }

    private sealed class RuleState(FaultRule rule, int? remaining)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = remaining;
    }
}
