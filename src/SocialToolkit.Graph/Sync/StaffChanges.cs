using System;
using System.Collections.Generic;
using SocialToolkit.Core.Model;
using SocialToolkit.Graph.Reading;

namespace SocialToolkit.Graph.Sync
{
    /// <summary>
    /// Turns a /users/delta round into the people to write: each change is laid over what the store knows of the
    /// person, property by property (a change carries only what changed), and applying the same change twice gives
    /// the same person, as Graph may send a change more than once.
    /// </summary>
    public static class StaffChanges
    {
        /// <summary>The people to write, and how many accounts were left out as guests.</summary>
        public static (List<Person> People, int NotStaff) Apply(IReadOnlyList<Person> stored, StaffDelta delta, bool includeGuests)
        {
            var byId = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
            var upnById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var person in stored)
            {
                if (!string.IsNullOrEmpty(person.Id))
                {
                    byId[person.Id] = person;
                    upnById[person.Id] = person.UserPrincipalName;
                }
            }

            var changed = new Dictionary<string, (Person Person, StaffChange Change)>(StringComparer.OrdinalIgnoreCase);
            foreach (var change in delta.Changes)
            {
                var id = change.Person.Id;
                if (string.IsNullOrEmpty(id))
                {
                    continue;
                }

                var person = changed.TryGetValue(id, out var earlier) ? earlier.Person : byId.TryGetValue(id, out var known) ? Copy(known) : new Person { Id = id };
                if (change.Removed)
                {
                    // Deleted from the directory: kept with its history, no longer enabled, so reports stop counting it.
                    if (person.UserPrincipalName.Length == 0)
                    {
                        continue;
                    }

                    person.Enabled = false;
                }
                else
                {
                    Overlay(person, change);
                }

                if (person.UserPrincipalName.Length > 0)
                {
                    upnById[id] = person.UserPrincipalName;
                }

                changed[id] = (person, change);
            }

            var people = new List<Person>(changed.Count);
            var notStaff = 0;
            foreach (var (person, change) in changed.Values)
            {
                if (person.UserPrincipalName.Length == 0)
                {
                    continue;
                }

                if (change.Has("manager"))
                {
                    person.ManagerId = change.ManagerId;
                    person.ManagerUserPrincipalName = change.ManagerId != null && upnById.TryGetValue(change.ManagerId, out var managerUpn) ? managerUpn : null;
                }
                else if (person.ManagerId != null && person.ManagerUserPrincipalName == null && upnById.TryGetValue(person.ManagerId, out var knownManager))
                {
                    person.ManagerUserPrincipalName = knownManager;
                }

                person.UserType = StaffAccount.Classify(person.UserType, person.UserPrincipalName);
                if (!includeGuests && person.UserType == StaffAccount.Guest)
                {
                    notStaff++;
                    continue;
                }

                people.Add(person);
            }

            return (people, notStaff);
        }

        /// <summary>
        /// The /users/delta properties a change may carry, and the field each one sets: a delta sends only what changed,
        /// so a property left out keeps the stored value.
        /// </summary>
        private static readonly (string Property, Action<Person, Person> Take)[] DeltaProperties =
        {
            ("userPrincipalName", (to, from) => to.UserPrincipalName = from.UserPrincipalName),
            ("displayName", (to, from) => to.DisplayName = from.DisplayName),
            ("mail", (to, from) => to.Mail = from.Mail),
            ("department", (to, from) => to.Department = from.Department),
            ("jobTitle", (to, from) => to.JobTitle = from.JobTitle),
            ("officeLocation", (to, from) => to.OfficeLocation = from.OfficeLocation),
            ("country", (to, from) => to.Country = from.Country),
            ("employeeHireDate", (to, from) => to.HireDate = from.HireDate),
            ("employeeLeaveDateTime", (to, from) => to.LeaveDate = from.LeaveDate),
            ("userType", (to, from) => to.UserType = from.UserType),
            ("accountEnabled", (to, from) => to.Enabled = from.Enabled),
        };

        private static void Overlay(Person person, StaffChange change)
        {
            foreach (var (property, take) in DeltaProperties)
            {
                if (change.Has(property))
                {
                    take(person, change.Person);
                }
            }

            if (string.IsNullOrEmpty(person.DisplayName))
            {
                person.DisplayName = person.UserPrincipalName;
            }
        }

        private static Person Copy(Person p) => new Person
        {
            Id = p.Id,
            UserPrincipalName = p.UserPrincipalName,
            DisplayName = p.DisplayName,
            Mail = p.Mail,
            Department = p.Department,
            JobTitle = p.JobTitle,
            OfficeLocation = p.OfficeLocation,
            Country = p.Country,
            ManagerId = p.ManagerId,
            ManagerUserPrincipalName = p.ManagerUserPrincipalName,
            HireDate = p.HireDate,
            LeaveDate = p.LeaveDate,
            UserType = p.UserType,
            Enabled = p.Enabled,
        };
    }
}
