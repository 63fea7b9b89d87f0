package vq.columnar;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

final class ValueLayouts {
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ValueLayouts() {}
}
