// GenQ load and soak benchmark (issue 17). Not a test: a command run by hand on a quiet (or declared busy) machine.
//
//   dotnet run -c Release --project benchmarks/GenQ.Load.Benchmarks -- [options]
//
//   --collection <dir>     BEIR folder whose corpus.jsonl is uploaded and whose queries.jsonl is searched
//                          (default: ../shared/eval-data/cranfield next to the repository)
//   --background <dir>     second collection uploaded when the load phase starts, so a run generates and trains
//                          while the searches run (default: ../shared/eval-data/medline)
//   --max-docs <n>         upload only the first n documents of the collection (default: all)
//   --searches <n>         searches in the load phase (default 10000; 0 skips it)
//   --clients <n>          concurrent clients in the load phase (default 32)
//   --soak-minutes <m>     length of the soak phase (default 10; 0 skips it)
//   --soak-rps <r>         searches a second during the soak (default 5)
//   --upload-seconds <s>   one small upload every s seconds during the soak (default 30), round robin over 3 corpora
//   --sample-seconds <s>   process sample interval during the soak (default 30)
//   --settle-minutes <m>   after the soak, go on sampling for m minutes with no uploads or searches (default 0): the
//                          idle memory after the load, which tells a leak (stays) from work in flight (returns)
//   --keep-rate-limits     leave the search API's per-client limits as configured (default: raised for this run,
//                          because every request comes from one client; 429s are counted as errors either way)
//
// It starts the real AppHost as tests/GenQ.AppHost.Tests do (redis-server executable, fallback generator, embedded
// index, a temporary data folder), uploads the collection, waits for its base index to go live, then:
//  1. load: <searches> hybrid searches (the collection's queries, cycled) from <clients> closed-loop clients while the
//     background collection's run generates and trains; errors (non-2xx, exceptions), p50/p95/p99, throughput and
//     the runs' stages at start and end;
//  2. soak: small uploads (replace semantics) and paced searches; every sample the service processes' RSS, anonymous
//     RSS, threads and open fds (/proc), the managed heap after the last GC, GC committed and GC counts (System.Runtime
//     event counters over EventPipe), and the first-vs-last ratio of each.
// Exit code 1 when any request failed.
using GenQ.Load.Benchmarks;

var options = BenchOptions.Parse(args);
return await LoadBench.RunAsync(options);
