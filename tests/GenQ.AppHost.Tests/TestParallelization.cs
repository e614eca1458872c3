// Each test starts the whole app model, redis-server included, on this checkout's Redis port: two at once would
// compete for that port (and for the two cores), so the AppHost tests run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
