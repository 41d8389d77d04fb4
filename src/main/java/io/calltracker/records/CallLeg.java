package io.calltracker.records;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** One leg of a terminal call: an agent or customer side, as the v3 Call Legs API reported it. */
@Entity
@Table(name = "call_leg")
@IdClass(CallLeg.Key.class)
public class CallLeg extends PanacheEntityBase {

    @Id
    public String callSid;
    /** "from" or "to": for outbound calls from[] holds the agents, for inbound the customer. */
    @Id
    public String side;
    @Id
    public int position;
    public String legSid;
    public String name;
    public String contactUri;
    public String status;
    public OffsetDateTime dateCreated;
    public OffsetDateTime dateUpdated;
    public String groupId;
    public String groupName;

    public record Key(String callSid, String side, int position) implements Serializable {
    }

    public Key key() {
        return new Key(callSid, side, position);
    }
}
