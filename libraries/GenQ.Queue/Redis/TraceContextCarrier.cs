using System.Diagnostics;
using StackExchange.Redis;

namespace GenQ.Queue.Redis;

/// <summary>Moves W3C trace context in and out of stream entry fields, so one trace spans every hop.</summary>
internal static class TraceContextCarrier
{
    public static void Inject(Activity? activity, List<NameValueEntry> fields)
    {
        if (activity is null)
        {
            return;
        }
        DistributedContextPropagator.Current.Inject(activity, fields, static (carrier, name, value) =>
        {
            if (carrier is List<NameValueEntry> list && value is not null)
            {
                list.Add(new NameValueEntry(name, value));
            }
        });
    }

    public static ActivityContext Extract(IReadOnlyDictionary<string, string> fields)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(fields, static (carrier, name, out value, out values) =>
        {
            values = null;
            value = carrier is IReadOnlyDictionary<string, string> map && map.TryGetValue(name, out var found) ? found : null;
        }, out var traceParent, out var traceState);

        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
