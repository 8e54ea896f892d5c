package dev.assay.loop;

/** Receives a round's progress; the CLI draws it, the daemon publishes it. */
public interface Progress {
  void round(int roundNo);

  /** A stage starts with {@code total} units of work to do. */
  void stage(String stage, int total);

  /** One unit of a stage's work is done. */
  void step(String stage);

  Progress NONE = new Progress() {
    @Override
    public void round(int roundNo) {}

    @Override
    public void stage(String stage, int total) {}

    @Override
    public void step(String stage) {}
  };
}
