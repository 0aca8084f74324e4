namespace DistributedCloud.Controller.Core.Alarms;

/// <summary>An alarm to raise (H-14: no duplicate when already raised) or to clear.</summary>
public sealed record AlarmChange(ControllerAlarm Alarm, bool Cleared)
{
    public static AlarmChange Raise(ControllerAlarm alarm) => new(alarm, false);

    public static AlarmChange Clear(string alarmId, string entity, DateTimeOffset at) =>
        new(new ControllerAlarm(alarmId, string.Empty, entity, string.Empty, string.Empty, at), true);
}
