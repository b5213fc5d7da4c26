package dev.berth.image.service;

import java.util.List;

/**
 * One row of {@code docker history} (GET /images/{name}/history), newest first.
 *
 * @param id        the image id for rows that are an image's top (the image itself, then its parents),
 *                  else "&lt;missing&gt;"
 * @param created   Unix seconds
 * @param createdBy the instruction that made the row, as recorded
 * @param size      bytes of the layer the row added (unpacked), 0 for an empty layer
 * @param comment   the recorded comment
 * @param tags      tags of the image of that row (empty when none)
 */
public record HistoryRow(String id, long created, String createdBy, long size, String comment, List<String> tags) {
    public HistoryRow {
        tags = List.copyOf(tags);
    }
}
