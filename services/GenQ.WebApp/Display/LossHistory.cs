namespace GenQ.WebApp.Display;

/// <summary>Training loss by step as seen by one watching page, one point per step, in step order.</summary>
public sealed class LossHistory
{
    private readonly SortedDictionary<int, double> _points = [];

    public IReadOnlyList<(int Step, double Loss)> Points => _points.Select(p => (p.Key, p.Value)).ToList();

    public void Add(TrainingSnapshot snapshot)
    {
        if (double.IsFinite(snapshot.Loss))
        {
            _points[snapshot.Step] = snapshot.Loss;
        }
    }
}
