package dev.assay.store;

import java.util.List;

/** A page of samples and the cursor of the next one (null when this is the last). */
public record SamplePage(List<SampleRow> items, Long nextCursor) {
  public SamplePage {
    items = List.copyOf(items);
  }
}
