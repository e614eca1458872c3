// TorchSharp's random generator (dropout, initialisation) is process-global: tests running in parallel would draw
// from each other's stream and make the "same seed, same weights" assertions flaky. Run this assembly's tests one
// at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
