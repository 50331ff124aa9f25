package org.openvpp.gateway.sunspec;

import java.util.List;
import java.util.Optional;

/**
 * The SunSpec models one Modbus unit offers, in chain order.
 *
 * @param base the register address of the "SunS" marker (40000, 0 or 50000)
 * @param models every model found before the end marker
 */
public record ModelChain(int base, List<Model> models) {
  public ModelChain {
    models = List.copyOf(models);
  }

  /**
   * One model of the chain.
   *
   * @param id SunSpec model id
   * @param address register address of its first data point (after id and length)
   * @param length number of data registers
   */
  public record Model(int id, int address, int length) {}

  /** The first model with one of these ids, in the order of preference given. */
  public Optional<Model> first(int... ids) {
    for (int id : ids) {
      for (Model m : models) {
        if (m.id() == id) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  public List<Integer> ids() {
    return models.stream().map(Model::id).toList();
  }
}
