package vq.cli.discover;

import vq.cli.discover.Genome.Scale;

/**
 * The value scale of each registry (type, output) that discovery can use. Price-scale lines (moving averages,
 * band and channel lines, VWAP, Ichimoku lines) are compared with the bar's close; oscillators with a threshold
 * drawn from their usual range: RSI/Stochastic/MFI 0..100 (thresholds 10..90), Williams %R −100..0 (−90..−10),
 * CCI (−200..200), ROC in percent (−2..2), MACD line and histogram against 0, ADX trend strength (10..50),
 * Bollinger band width as a fraction of the middle band (0.002..0.05). Types whose scale depends on the market
 * (ATR, OBV, volume SMA) are not used: a fixed threshold would be meaningless across symbols.
 */
final class Scales {
    private Scales() {}

    static final Scale PRICE = new Scale(true, 0, 0, 0, true);

    /** The scale, or null when discovery does not use this output. */
    static Scale of(String type, String output) {
        return switch (type) {
            case "sma", "ema", "wma", "dema", "tema", "vwap" -> PRICE;
            case "bbands" -> output.equals("width") ? new Scale(false, 0.002, 0.05, 0.001, false) : PRICE;
            case "keltner", "donchian", "ichimoku" -> PRICE;
            case "rsi", "mfi" -> new Scale(false, 10, 90, 1, true);
            case "stoch" -> new Scale(false, 10, 90, 1, true);
            case "willr" -> new Scale(false, -90, -10, 1, true);
            case "cci" -> new Scale(false, -200, 200, 5, true);
            case "roc" -> new Scale(false, -2, 2, 0.05, true);
            case "macd" -> output.equals("signal") ? null : new Scale(false, 0, 0, 1, true);
            case "adx" -> output.equals("adx") ? new Scale(false, 10, 50, 1, false) : null;
            default -> null;
        };
    }
}
