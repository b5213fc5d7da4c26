package dev.berth.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.image.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {
    private static Digest d(String s) {
        return Digest.parse(s);
    }

    // Expected values computed independently (Python hashlib) from the spec's definition.
    private static final List<Digest> DIFF_IDS = List.of(
            d("sha256:4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e"),
            d("sha256:77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2"),
            d("sha256:95cf1a2e1698fe3ca1fcc3f653119146b271d0b62e487ec264441e886a11bd06"));
    private static final List<Digest> CHAIN_IDS = List.of(
            d("sha256:4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e"),
            d("sha256:ef232af0eb422cdfd7917631657cd8ed2bfd5b9461b37c427aa0d3e0a19adf79"),
            d("sha256:7ad3896338947cc04ee0b35b50d400ff32538d63f42f85ec87feac78bf71a54d"));

    @Test
    void diffIdsAreTheInputsOfTheVectors() {
        assertEquals(DIFF_IDS.get(0), Digest.sha256("layer0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void computesEveryPrefix() {
        assertEquals(CHAIN_IDS, ChainIds.of(DIFF_IDS));
        assertEquals(CHAIN_IDS.get(2), ChainIds.top(DIFF_IDS));
        assertEquals(CHAIN_IDS.get(1), ChainIds.next(CHAIN_IDS.get(0), DIFF_IDS.get(1)));
    }

    @Test
    void singleLayerChainIsItsDiffId() {
        assertEquals(List.of(DIFF_IDS.get(1)), ChainIds.of(List.of(DIFF_IDS.get(1))));
    }

    @Test
    void emptyStack() {
        assertEquals(List.of(), ChainIds.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ChainIds.top(List.of()));
    }
}
