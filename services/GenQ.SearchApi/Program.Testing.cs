// Lets WebApplicationFactory<Program> and the AppHost tests reference the entry point.
public partial class Program;
