package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import vq.columnar.InputException;

/**
 * Mutated strategy files (characters deleted, duplicated, replaced; lines dropped or swapped) either parse or
 * fail with an {@link InputException} that carries a location; never another exception.
 */
class ParserRobustnessTest {
    static final List<String> SOURCES;

    static {
        try {
            List<String> s = new java.util.ArrayList<>();
            for (Path f : Strategies.files(List.of(ShippedStrategiesTest.dir()))) s.add(Files.readString(f));
            s.add(StrategyParserTest.BASE);
            SOURCES = List.copyOf(s);
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static String mutate(String text, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        String alphabet = " :{}[],-$.#\"'\n\tabcdefghijklmnopqrstuvwxyz0123456789<>=_!&*";
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int i = r.nextInt(sb.length());
            switch (r.nextInt(5)) {
                case 0 -> sb.deleteCharAt(i);
                case 1 -> sb.insert(i, alphabet.charAt(r.nextInt(alphabet.length())));
                case 2 -> sb.setCharAt(i, alphabet.charAt(r.nextInt(alphabet.length())));
                case 3 -> {
                    String[] lines = sb.toString().split("\n", -1);
                    int k = r.nextInt(lines.length);
                    lines[k] = "";
                    sb = new StringBuilder(String.join("\n", lines));
                }
                default -> {
                    String[] lines = sb.toString().split("\n", -1);
                    int a = r.nextInt(lines.length), b = r.nextInt(lines.length);
                    String t = lines[a];
                    lines[a] = lines[b];
                    lines[b] = t;
                    sb = new StringBuilder(String.join("\n", lines));
                }
            }
        }
        return sb.toString();
    }

    @Property(tries = 1500)
    void mutatedFilesFailCleanly(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String text = mutate(SOURCES.get(r.nextInt(SOURCES.size())), r);
        try {
            StrategySpec s = StrategyParser.parse(text, "m.yaml", RegistryTypes.DEFAULT);
            CompiledStrategy.of(s).parameters().defaults();
        } catch (StrategyException e) {
            assertTrue(e.getMessage().contains(" at m.yaml"), e.getMessage());
        } catch (InputException e) {
            // other input errors (e.g. grid limits) are fine, but must say something
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
