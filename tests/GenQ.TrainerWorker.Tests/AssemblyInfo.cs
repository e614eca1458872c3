// TorchSharp's random generator is process-global and the tests compare trained weights byte for byte: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
