package vq.kernels.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses one condition string ({@code "rsi < $oversold"}, {@code "fast crosses_above slow"},
 * {@code "rsi between 30 70"}, {@code "close > bb.upper"}) into a {@link Condition}. Tokens are separated by
 * spaces; the operators {@code > < >= <=} may also be written without spaces ({@code rsi<30}). Operand
 * names are resolved by an {@link OperandResolver} that reports unknown names with their exact column.
 */
public final class Conditions {
    private Conditions() {}

    /** Resolves one operand token at a location; throws {@link StrategyException} for an unknown name. */
    public interface OperandResolver {
        Operand resolve(String token, Loc loc);
    }

    private record Tok(String text, int offset) {}

    /** Shortest text for a number: 14 not 14.0, 0.5 stays 0.5. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /**
     * Parses {@code text}, which starts at {@code at} in the file (the first character of the condition).
     *
     * @throws StrategyException naming the column of the offending token and what was expected there
     */
    public static Condition parse(String text, Loc at, OperandResolver resolver) {
        List<Tok> toks = tokenize(text);
        if (toks.isEmpty()) throw new StrategyException(at, "empty condition (expected e.g. 'rsi < 30')");
        if (toks.size() < 3)
            throw new StrategyException(at.plus(toks.getLast().offset() + toks.getLast().text().length()),
                    "incomplete condition '" + text + "' (expected '<operand> <op> <operand>' with op one of >, <, >=, <=, crosses_above, crosses_below, between)");
        Tok opTok = toks.get(1);
        String op = opTok.text().toLowerCase(Locale.ROOT);
        if (op.equals("between")) {
            if (toks.size() != 4)
                throw new StrategyException(at.plus(toks.size() > 4 ? toks.get(4).offset() : toks.getLast().offset() + toks.getLast().text().length()),
                        "'between' takes two bounds: '<operand> between <low> <high>', got '" + text + "'");
            Operand x = operand(toks.get(0), at, resolver), lo = operand(toks.get(2), at, resolver), hi = operand(toks.get(3), at, resolver);
            if (x.constant() && lo.constant() && hi.constant())
                throw new StrategyException(at, "condition '" + text + "' compares only constants");
            if (lo instanceof Operand.Num a && hi instanceof Operand.Num b && a.value() > b.value())
                throw new StrategyException(at.plus(toks.get(2).offset()), "'between' bounds are reversed: " + num(a.value()) + " > " + num(b.value()));
            return new Condition.Between(x, lo, hi, text, at);
        }
        Condition.Op o = switch (op) {
            case ">" -> Condition.Op.GT;
            case "<" -> Condition.Op.LT;
            case ">=" -> Condition.Op.GE;
            case "<=" -> Condition.Op.LE;
            case "crosses_above" -> Condition.Op.CROSSES_ABOVE;
            case "crosses_below" -> Condition.Op.CROSSES_BELOW;
            default -> {
                List<String> ops = List.of(">", "<", ">=", "<=", "crosses_above", "crosses_below", "between");
                String near = op.equals("==") || op.equals("=") ? null : Names.nearest(op, ops);
                throw StrategyException.suggest(at.plus(opTok.offset()), "unknown operator '" + opTok.text()
                        + "' (expected one of >, <, >=, <=, crosses_above, crosses_below, between)", near);
            }
        };
        if (toks.size() != 3)
            throw new StrategyException(at.plus(toks.get(3).offset()), "unexpected '" + toks.get(3).text()
                    + "' after '" + toks.get(0).text() + " " + toks.get(1).text() + " " + toks.get(2).text()
                    + "' (one comparison per condition; use a list for AND, any: for OR)");
        Operand a = operand(toks.get(0), at, resolver), b = operand(toks.get(2), at, resolver);
        if (a.constant() && b.constant())
            throw new StrategyException(at, "condition '" + text + "' compares only constants");
        return new Condition.Compare(a, o, b, text, at);
    }

    private static Operand operand(Tok t, Loc at, OperandResolver resolver) {
        String s = t.text();
        Loc l = at.plus(t.offset());
        char c = s.charAt(0);
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
            try {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) throw new NumberFormatException();
                return new Operand.Num(v);
            } catch (NumberFormatException e) {
                throw new StrategyException(l, "invalid number '" + s + "'");
            }
        }
        if (c == '$' || Character.isLetter(c) || c == '_') return resolver.resolve(s, l);
        throw new StrategyException(l, "unexpected '" + s + "' (expected an indicator, a price field, a number or a $param)");
    }

    private static List<Tok> tokenize(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int start = i;
            if ("<>=!".indexOf(c) >= 0) {
                while (i < n && "<>=!".indexOf(s.charAt(i)) >= 0) i++;
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i)) && "<>=!".indexOf(s.charAt(i)) < 0) i++;
            }
            out.add(new Tok(s.substring(start, i), start));
        }
        return out;
    }
}
