package io.vigil.detect.ensemble;

import io.vigil.detect.Detector;
import io.vigil.detect.StateCodec;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.StateMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of {@link EnsembleState}. Format v1: version byte (1), int member count, then per
 * member: UTF detector name, length-prefixed model in that member's own format. Reading checks that
 * the stored members are the configured ones, by name and order.
 */
public final class EnsembleStateMapper implements StateMapper<EnsembleState> {
  public static final int VERSION = 1;
  private final List<Detector<?>> members;

  EnsembleStateMapper(List<Detector<?>> members) {
    this.members = List.copyOf(members);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(EnsembleState state) {
    return StateCodec.encode(
        VERSION,
        out -> {
          out.writeInt(members.size());
          for (int i = 0; i < members.size(); i++) {
            out.writeUTF(members.get(i).name());
            StateCodec.writeBlob(out, write(members.get(i), state.models().get(i)));
          }
        });
  }

  @Override
  public EnsembleState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "ensemble",
        VERSION,
        bytes,
        (in, version) -> {
          int count = StateCodec.readCount(in);
          if (count != members.size()) {
            throw new StateFormatException(
                "ensemble state has " + count + " members, configured " + members.size());
          }
          List<Object> models = new ArrayList<>(count);
          for (Detector<?> member : members) {
            String name = in.readUTF();
            if (!name.equals(member.name())) {
              throw new StateFormatException(
                  "ensemble state member " + name + " where " + member.name() + " is configured");
            }
            models.add(member.mapper().fromBytes(StateCodec.readBlob(in)));
          }
          return new EnsembleState(models);
        });
  }

  @SuppressWarnings("unchecked")
  private static <M> byte[] write(Detector<M> member, Object model) {
    return member.mapper().toBytes((M) model);
  }
}
