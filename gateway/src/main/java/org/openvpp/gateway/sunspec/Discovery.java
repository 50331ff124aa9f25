package org.openvpp.gateway.sunspec;

import java.util.ArrayList;
import java.util.List;
import org.openvpp.gateway.adapter.FailureReason;

/**
 * Finds the SunSpec model chain of one Modbus unit: the "SunS" marker (0x5375 0x6E53) at 40000, 0
 * or 50000 (in that order, as the SunSpec spec lists them), then model headers (id, length) until
 * the end marker (id 0xFFFF). A chain that runs off the register space, repeats forever or has no
 * end marker is refused: garbage must not become a model.
 */
final class Discovery {
  static final int[] BASES = {40000, 0, 50000};
  static final int MARKER_HI = 0x5375; // "Su"
  static final int MARKER_LO = 0x6E53; // "nS"
  static final int END = 0xFFFF;
  static final int MAX_MODELS = 64;

  private Discovery() {}

  static ModelChain discover(ModbusLink link, int unit) throws SunSpecException {
    SunSpecException last = null;
    for (int base : BASES) {
      int[] marker;
      try {
        marker = link.read(unit, base, 2);
      } catch (SunSpecException e) {
        if (e.reason() != FailureReason.MALFORMED) {
          throw e; // timeouts and lost connections are not "no marker here"
        }
        last = e; // illegal address at this base: try the next one
        continue;
      }
      if (marker[0] == MARKER_HI && marker[1] == MARKER_LO) {
        return walk(link, unit, base);
      }
    }
    throw new SunSpecException(
        FailureReason.DISCOVERY,
        "no SunS marker at 40000, 0 or 50000"
            + (last == null ? "" : " (" + last.getMessage() + ")"));
  }

  private static ModelChain walk(ModbusLink link, int unit, int base) throws SunSpecException {
    List<ModelChain.Model> models = new ArrayList<>();
    int address = base + 2;
    for (int i = 0; i <= MAX_MODELS; i++) {
      if (address + 2 > 0xFFFF) {
        throw chainBroken(base, "runs past the register space at " + address);
      }
      int[] header = link.read(unit, address, 2);
      int id = header[0];
      int length = header[1];
      if (id == END) {
        if (models.isEmpty() || models.get(0).id() != 1) {
          throw chainBroken(base, "does not start with the common model 1: " + ids(models));
        }
        return new ModelChain(base, models);
      }
      if (id == 0 || length == 0 || address + 2 + length > 0xFFFF) {
        throw chainBroken(base, "model " + id + " with length " + length + " at " + address);
      }
      models.add(new ModelChain.Model(id, address + 2, length));
      address += 2 + length;
    }
    throw chainBroken(base, "more than " + MAX_MODELS + " models without an end marker");
  }

  private static List<Integer> ids(List<ModelChain.Model> models) {
    return models.stream().map(ModelChain.Model::id).toList();
  }

  private static SunSpecException chainBroken(int base, String why) {
    return new SunSpecException(FailureReason.DISCOVERY, "SunSpec chain at " + base + " " + why);
  }
}
